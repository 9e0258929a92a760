"""Mistake: a running max that starts at 0, wrong when a whole window is negative."""
def maxpool2d_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    OH = conv_output_size(H, size, stride)
    OW = conv_output_size(W, size, stride)
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            best = np.zeros((N, C))
            for p in range(size):
                for q in range(size):
                    best = np.maximum(best, x[:, :, i * stride + p, j * stride + q])
            out[:, :, i, j] = best
    return out, (x, size, stride)

"""Mistake: hard-codes 2x2 windows with stride 2, ignoring size and stride."""
def maxpool2d_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    OH = conv_output_size(H, 2, 2)
    OW = conv_output_size(W, 2, 2)
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, 2 * i:2 * i + 2, 2 * j:2 * j + 2]
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out, (x, size, stride)

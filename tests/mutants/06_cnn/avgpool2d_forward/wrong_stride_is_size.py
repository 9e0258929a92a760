"""Mistake: ignores the stride argument, stepping by the window size."""
def avgpool2d_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    OH = conv_output_size(H, size, size)
    OW = conv_output_size(W, size, size)
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, i * size:i * size + size, j * size:j * size + size]
            out[:, :, i, j] = window.mean(axis=(2, 3))
    return out, (x, size, stride)

"""Mistake: off-by-one window, size - 1 entries on each side."""
def maxpool2d_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    OH = conv_output_size(H, size, stride)
    OW = conv_output_size(W, size, stride)
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, i * stride:i * stride + size - 1, j * stride:j * stride + size - 1]
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out, (x, size, stride)

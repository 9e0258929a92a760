"""Mistake: output size rounded up (ceil), keeping partial windows at the border."""
def maxpool2d_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    OH = -(-(H - size) // stride) + 1
    OW = -(-(W - size) // stride) + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size]
            out[:, :, i, j] = window.max(axis=(2, 3))
    return out, (x, size, stride)

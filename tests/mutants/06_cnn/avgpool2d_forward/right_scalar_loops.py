"""Correct: loops over every image, channel and position."""
def avgpool2d_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    OH = (H - size) // stride + 1
    OW = (W - size) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    out[n, c, i, j] = np.mean(x[n, c, i * stride:i * stride + size, j * stride:j * stride + size])
    return out, (x, size, stride)

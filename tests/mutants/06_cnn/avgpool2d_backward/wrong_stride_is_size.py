"""Mistake: locates window (i, j) at i * size instead of i * stride."""
def avgpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for i in range(OH):
        for j in range(OW):
            rows = slice(i * size, i * size + size)
            cols = slice(j * size, j * size + size)
            dx[:, :, rows, cols] += dout[:, :, i, j][:, :, None, None] / (size * size)
    return dx

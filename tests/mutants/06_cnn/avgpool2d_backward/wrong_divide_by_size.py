"""Mistake: divides by size instead of size * size."""
def avgpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for i in range(OH):
        for j in range(OW):
            rows = slice(i * stride, i * stride + size)
            cols = slice(j * stride, j * stride + size)
            dx[:, :, rows, cols] += dout[:, :, i, j][:, :, None, None] / size
    return dx

"""Mistake: sends the gradient to every entry that ties for the max."""
def maxpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for i in range(OH):
        for j in range(OW):
            rows = slice(i * stride, i * stride + size)
            cols = slice(j * stride, j * stride + size)
            window = x[:, :, rows, cols]
            mask = window == window.max(axis=(2, 3), keepdims=True)
            dx[:, :, rows, cols] += mask * dout[:, :, i, j][:, :, None, None]
    return dx

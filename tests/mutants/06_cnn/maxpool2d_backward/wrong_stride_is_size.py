"""Mistake: locates window (i, j) at i * size instead of i * stride."""
def maxpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for i in range(OH):
        for j in range(OW):
            rows = slice(i * size, i * size + size)
            cols = slice(j * size, j * size + size)
            window = x[:, :, rows, cols].reshape(N, C, size * size)
            first = window.argmax(axis=2)
            mask = np.zeros((N, C, size * size))
            np.put_along_axis(mask, first[:, :, None], 1.0, axis=2)
            dx[:, :, rows, cols] += mask.reshape(N, C, size, size) * dout[:, :, i, j][:, :, None, None]
    return dx

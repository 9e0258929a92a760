"""Mistake: on a tie, the gradient goes to the last max (>= in a scan) instead of the first."""
def maxpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for i in range(OH):
        for j in range(OW):
            rows = slice(i * stride, i * stride + size)
            cols = slice(j * stride, j * stride + size)
            window = x[:, :, rows, cols].reshape(N, C, size * size)
            last = size * size - 1 - window[:, :, ::-1].argmax(axis=2)
            mask = np.zeros((N, C, size * size))
            np.put_along_axis(mask, last[:, :, None], 1.0, axis=2)
            dx[:, :, rows, cols] += mask.reshape(N, C, size, size) * dout[:, :, i, j][:, :, None, None]
    return dx

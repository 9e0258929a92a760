"""Mistake: = instead of += (an overlapping window overwrites the gradient an earlier one sent)."""
def maxpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for i in range(OH):
        for j in range(OW):
            rows = slice(i * stride, i * stride + size)
            cols = slice(j * stride, j * stride + size)
            window = x[:, :, rows, cols].reshape(N, C, size * size)
            first = window.argmax(axis=2)
            mask = np.zeros((N, C, size * size))
            np.put_along_axis(mask, first[:, :, None], 1.0, axis=2)
            dx[:, :, rows, cols] = mask.reshape(N, C, size, size) * dout[:, :, i, j][:, :, None, None]
    return dx

"""Correct: loops over image, channel and position; np.argmax gives the first max, divmod by size locates it."""
def maxpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    window = x[n, c, i * stride:i * stride + size, j * stride:j * stride + size]
                    p, q = divmod(int(np.argmax(window)), size)
                    dx[n, c, i * stride + p, j * stride + q] += dout[n, c, i, j]
    return dx

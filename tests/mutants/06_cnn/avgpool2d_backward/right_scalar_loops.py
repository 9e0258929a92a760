"""Correct: loops over image, channel, position and window entry."""
def avgpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    for p in range(size):
                        for q in range(size):
                            dx[n, c, i * stride + p, j * stride + q] += dout[n, c, i, j] / size ** 2
    return dx

"""Correct: scans each window row by row, replacing the best only on a strictly greater value (so the first max wins)."""
def maxpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    for n in range(N):
        for c in range(C):
            for i in range(OH):
                for j in range(OW):
                    best, where = -np.inf, None
                    for p in range(size):
                        for q in range(size):
                            value = x[n, c, i * stride + p, j * stride + q]
                            if where is None or value > best:
                                best, where = value, (i * stride + p, j * stride + q)
                    dx[n, c, where[0], where[1]] += dout[n, c, i, j]
    return dx

"""Correct: one strided add per window offset (p, q) instead of one per window."""
def avgpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, OH, OW = dout.shape
    dx = np.zeros(x.shape)
    share = dout / (size * size)
    for p in range(size):
        for q in range(size):
            dx[:, :, p:p + stride * OH:stride, q:q + stride * OW:stride] += share
    return dx

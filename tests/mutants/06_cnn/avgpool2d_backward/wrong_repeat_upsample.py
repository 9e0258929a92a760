"""Mistake: upsamples dout with np.repeat, right only when stride == size (no overlap, no gap)."""
def avgpool2d_backward(dout, cache):
    x, size, stride = cache
    N, C, H, W = x.shape
    up = np.repeat(np.repeat(dout, size, axis=2), size, axis=3) / (size * size)
    dx = np.zeros(x.shape)
    h, w = min(H, up.shape[2]), min(W, up.shape[3])
    dx[:, :, :h, :w] = up[:, :, :h, :w]
    return dx

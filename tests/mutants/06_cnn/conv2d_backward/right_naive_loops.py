"""Correct: the textbook loops over image, filter and position."""
def conv2d_backward(dout, cache):
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    _, _, OH, OW = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dx_pad = np.zeros(x_pad.shape)
    dw = np.zeros(w.shape)
    db = np.zeros(F)
    for n in range(N):
        for f in range(F):
            for i in range(OH):
                for j in range(OW):
                    g = dout[n, f, i, j]
                    r, c = i * stride, j * stride
                    db[f] += g
                    dw[f] += g * x_pad[n, :, r:r + KH, c:c + KW]
                    dx_pad[n, :, r:r + KH, c:c + KW] += g * w[f]
    return dx_pad[:, :, pad:pad + H, pad:pad + W], dw, db

"""Correct: im2col view + einsum for dw, einsum then col2im (one strided add per kernel offset) for dx."""
def conv2d_backward(dout, cache):
    from numpy.lib.stride_tricks import sliding_window_view

    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    _, _, OH, OW = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(x_pad, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride][:, :, :OH, :OW]
    dw = np.einsum("nfhw,nchwpq->fcpq", dout, windows)
    dcols = np.einsum("nfhw,fcpq->nchwpq", dout, w)
    dx_pad = np.zeros(x_pad.shape)
    for p in range(KH):
        for q in range(KW):
            dx_pad[:, :, p:p + stride * OH:stride, q:q + stride * OW:stride] += dcols[:, :, :, :, p, q]
    return dx_pad[:, :, pad:pad + H, pad:pad + W], dw, dout.sum(axis=(0, 2, 3))

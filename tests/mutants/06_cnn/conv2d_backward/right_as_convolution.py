"""Correct: the backward pass as convolutions: dilate dout by the stride, then dw = corr(x_pad, dout) and
dx = full corr(dout, kernel rotated 180 degrees)."""
def conv2d_backward(dout, cache):
    from numpy.lib.stride_tricks import sliding_window_view

    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    _, _, OH, OW = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    HP, WP = x_pad.shape[2:]
    # dilate: put dout's entries stride apart, so that windows move one pixel at a time
    dilated = np.zeros((N, F, (OH - 1) * stride + 1, (OW - 1) * stride + 1))
    dilated[:, :, ::stride, ::stride] = dout
    DH, DW = dilated.shape[2:]
    # dw[f, c, p, q] = sum over n, u, v of dilated[n, f, u, v] * x_pad[n, c, p + u, q + v]
    x_windows = sliding_window_view(x_pad, (DH, DW), axis=(2, 3))[:, :, :KH, :KW]  # (N, C, KH, KW, DH, DW)
    dw = np.einsum("nfuv,ncpquv->fcpq", dilated, x_windows)
    # dx_pad = full correlation of the dilated dout with the rotated kernel, channels F -> C
    full = np.pad(dilated, ((0, 0), (0, 0), (KH - 1, HP - DH), (KW - 1, WP - DW)))
    d_windows = sliding_window_view(full, (KH, KW), axis=(2, 3))[:, :, :HP, :WP]  # (N, F, HP, WP, KH, KW)
    dx_pad = np.einsum("nfhwpq,fcpq->nchw", d_windows, w[:, :, ::-1, ::-1])
    return dx_pad[:, :, pad:pad + H, pad:pad + W], dw, dout.sum(axis=(0, 2, 3))

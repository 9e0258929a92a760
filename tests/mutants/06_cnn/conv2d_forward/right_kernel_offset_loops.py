"""Correct: loops over the kernel offsets (p, q) instead of the output positions, adding shifted slices."""
def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH = conv_output_size(H, KH, stride, pad)
    OW = conv_output_size(W, KW, stride, pad)
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, OH, OW)) + b.reshape(1, F, 1, 1)
    for p in range(KH):
        for q in range(KW):
            shifted = x_pad[:, :, p:p + stride * (OH - 1) + 1:stride, q:q + stride * (OW - 1) + 1:stride]
            out += np.einsum("nchw,fc->nfhw", shifted, w[:, :, p, q])
    return out, (x, w, b, stride, pad)

# Right: accumulate the weight gradients one sample at a time (sums of outer products).
def rnn_step_backward(dh_t, cache):
    x_t, h_prev, Wx, Wh, b = cache
    h_t = np.tanh(x_t @ Wx + h_prev @ Wh + b)
    da = dh_t * (1.0 - h_t * h_t)
    dWx = np.zeros(Wx.shape)
    dWh = np.zeros(Wh.shape)
    db = np.zeros(b.shape)
    for n in range(da.shape[0]):
        dWx += np.outer(x_t[n], da[n])
        dWh += np.outer(h_prev[n], da[n])
        db += da[n]
    return da @ Wx.T, da @ Wh.T, dWx, dWh, db

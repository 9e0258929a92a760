# tanh derivative taken at the pre-activation: 1 - a**2 instead of 1 - tanh(a)**2.
def rnn_step_backward(dh_t, cache):
    x_t, h_prev, Wx, Wh, b = cache
    a = x_t @ Wx + h_prev @ Wh + b
    da = dh_t * (1.0 - a**2)
    return da @ Wx.T, da @ Wh.T, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)

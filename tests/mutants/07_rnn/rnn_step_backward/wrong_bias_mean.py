# Averages the bias gradient over the batch instead of summing it.
def rnn_step_backward(dh_t, cache):
    x_t, h_prev, Wx, Wh, b = cache
    h_t = np.tanh(x_t @ Wx + h_prev @ Wh + b)
    da = dh_t * (1.0 - h_t**2)
    return da @ Wx.T, da @ Wh.T, x_t.T @ da, h_prev.T @ da, da.mean(axis=0)

# dh_prev = da @ Wh: the recurrent weights are not transposed on the way back.
def rnn_step_backward(dh_t, cache):
    x_t, h_prev, Wx, Wh, b = cache
    h_t = np.tanh(x_t @ Wx + h_prev @ Wh + b)
    da = dh_t * (1.0 - h_t**2)
    return da @ Wx.T, da @ Wh, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)

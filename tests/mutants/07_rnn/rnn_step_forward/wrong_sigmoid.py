# Uses the logistic sigmoid instead of tanh.
def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    a = x_t @ Wx + h_prev @ Wh + b
    h_t = 0.5 * (1.0 + np.tanh(0.5 * a))
    cache = (x_t, h_prev, Wx, Wh, b)
    return h_t, cache

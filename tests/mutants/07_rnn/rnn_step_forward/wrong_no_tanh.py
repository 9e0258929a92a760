# Forgets the nonlinearity: returns the pre-activation a_t.
def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    h_t = x_t @ Wx + h_prev @ Wh + b
    cache = (x_t, h_prev, Wx, Wh, b)
    return h_t, cache

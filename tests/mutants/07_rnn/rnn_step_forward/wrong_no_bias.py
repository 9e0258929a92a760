# Forgets the bias b.
def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    h_t = np.tanh(x_t @ Wx + h_prev @ Wh)
    cache = (x_t, h_prev, Wx, Wh, b)
    return h_t, cache

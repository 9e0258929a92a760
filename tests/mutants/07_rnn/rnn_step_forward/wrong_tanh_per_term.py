# Squashes each term separately: tanh(x Wx) + tanh(h Wh) + b.
def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    h_t = np.tanh(x_t @ Wx) + np.tanh(h_prev @ Wh) + b
    cache = (x_t, h_prev, Wx, Wh, b)
    return h_t, cache

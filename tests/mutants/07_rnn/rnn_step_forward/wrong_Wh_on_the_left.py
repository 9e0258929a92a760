# Column-vector habit from papers: Wh @ h (here (Wh @ h_prev.T).T, i.e. h_prev @ Wh.T) instead of h_prev @ Wh.
def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    h_t = np.tanh(x_t @ Wx + (Wh @ h_prev.T).T + b)
    cache = (x_t, h_prev, Wx, Wh, b)
    return h_t, cache

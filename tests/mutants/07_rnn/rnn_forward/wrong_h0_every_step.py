# Hidden state not carried: every step starts from h0.
def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    cache = []
    for t in range(T):
        h_t, step_cache = rnn_step_forward(x[:, t], h0, Wx, Wh, b)
        h[:, t] = h_t
        cache.append(step_cache)
    return h, cache

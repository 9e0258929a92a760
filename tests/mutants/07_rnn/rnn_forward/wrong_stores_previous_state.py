# Off by one: stores the state before each step (h0, h_1, ..., h_{T-1}) instead of after it.
def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    cache = []
    h_t = h0
    for t in range(T):
        h[:, t] = h_t
        h_t, step_cache = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
        cache.append(step_cache)
    return h, cache

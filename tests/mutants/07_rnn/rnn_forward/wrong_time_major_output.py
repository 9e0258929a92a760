# Stacks the states along axis 0: returns (T, N, H) instead of (N, T, H).
def rnn_forward(x, h0, Wx, Wh, b):
    states, cache = [], []
    h_t = h0
    for t in range(x.shape[1]):
        h_t, step_cache = rnn_step_forward(x[:, t], h_t, Wx, Wh, b)
        states.append(h_t)
        cache.append(step_cache)
    return np.stack(states, axis=0), cache

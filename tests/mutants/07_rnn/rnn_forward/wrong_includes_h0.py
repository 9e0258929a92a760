# Includes h0 as the first entry: returns T + 1 states.
def rnn_forward(x, h0, Wx, Wh, b):
    states, cache = [h0], []
    for t in range(x.shape[1]):
        h_t, step_cache = rnn_step_forward(x[:, t], states[-1], Wx, Wh, b)
        states.append(h_t)
        cache.append(step_cache)
    return np.stack(states, axis=1), cache

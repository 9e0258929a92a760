# Right: collect the states in a list and stack them along the time axis at the end.
def rnn_forward(x, h0, Wx, Wh, b):
    states, cache = [], []
    h_t = h0
    for x_t in np.moveaxis(x, 1, 0):  # x_t: (N, D), in time order
        h_t, step_cache = rnn_step_forward(x_t, h_t, Wx, Wh, b)
        states.append(h_t)
        cache.append(step_cache)
    return np.stack(states, axis=1), cache

# Right: a while loop over a preallocated output, reading the previous state back from it.
def rnn_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    H = Wh.shape[0]
    h = np.empty((N, T, H))
    cache = [None] * T
    t = 0
    while t < T:
        previous = h0 if t == 0 else h[:, t - 1]
        h[:, t], cache[t] = rnn_step_forward(x[:, t], previous, Wx, Wh, b)
        t += 1
    return h, cache

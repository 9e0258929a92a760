# Writes each state into a preallocated (N, T, H) tensor (autograd records the slice copies).
def unroll_rnn(cell, x, h0):
    N, T, _ = x.shape
    out = h0.new_zeros(N, T, h0.shape[1])
    h = h0
    t = 0
    while t < T:
        h = cell(x[:, t, :], h)
        out[:, t] = h
        t += 1
    return out

# Returns only the last state (N, H), like nn.RNN's second output, instead of every step's state.
def unroll_rnn(cell, x, h0):
    h = h0
    for t in range(x.shape[1]):
        h = cell(x[:, t], h)
    return h

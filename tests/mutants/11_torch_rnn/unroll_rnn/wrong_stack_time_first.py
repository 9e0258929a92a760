# Stacks the states along dim 0: returns (T, N, H), time first, instead of (N, T, H).
def unroll_rnn(cell, x, h0):
    h = h0
    states = []
    for t in range(x.shape[1]):
        h = cell(x[:, t], h)
        states.append(h)
    return torch.stack(states, dim=0)

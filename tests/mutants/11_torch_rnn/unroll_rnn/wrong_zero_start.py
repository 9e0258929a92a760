# Ignores h0 and starts from a zero state.
def unroll_rnn(cell, x, h0):
    h = torch.zeros_like(h0)
    states = []
    for t in range(x.shape[1]):
        h = cell(x[:, t], h)
        states.append(h)
    return torch.stack(states, dim=1)

# The state is not carried: every step starts again from h0.
def unroll_rnn(cell, x, h0):
    states = []
    for t in range(x.shape[1]):
        states.append(cell(x[:, t], h0))
    return torch.stack(states, dim=1)

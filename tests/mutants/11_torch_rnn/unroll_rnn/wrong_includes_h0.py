# Includes h0 as the first entry: returns T + 1 states.
def unroll_rnn(cell, x, h0):
    states = [h0]
    for t in range(x.shape[1]):
        states.append(cell(x[:, t], states[-1]))
    return torch.stack(states, dim=1)

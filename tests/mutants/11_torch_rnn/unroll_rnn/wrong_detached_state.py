# Detaches the state between steps: the values are right, but the gradient stops after one step.
def unroll_rnn(cell, x, h0):
    h = h0
    states = []
    for t in range(x.shape[1]):
        h = cell(x[:, t], h.detach())
        states.append(h)
    return torch.stack(states, dim=1)

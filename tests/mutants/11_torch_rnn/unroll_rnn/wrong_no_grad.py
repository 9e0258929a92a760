# Runs the loop under torch.no_grad(): right values, but nothing to backpropagate through.
def unroll_rnn(cell, x, h0):
    with torch.no_grad():
        h = h0
        states = []
        for t in range(x.shape[1]):
            h = cell(x[:, t], h)
            states.append(h)
        return torch.stack(states, dim=1)

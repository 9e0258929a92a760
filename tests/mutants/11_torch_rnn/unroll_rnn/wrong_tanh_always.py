# Re-implements the step with a hard-coded tanh: wrong for nonlinearity="relu" cells.
def unroll_rnn(cell, x, h0):
    h = h0
    states = []
    for t in range(x.shape[1]):
        h = torch.tanh(x[:, t] @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh)
        states.append(h)
    return torch.stack(states, dim=1)

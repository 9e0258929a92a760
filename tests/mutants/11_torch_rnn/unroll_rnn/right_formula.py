# The step written out from the cell's weights, with the cell's own nonlinearity.
def unroll_rnn(cell, x, h0):
    act = torch.tanh if cell.nonlinearity == "tanh" else torch.relu
    h = h0
    states = []
    for x_t in x.unbind(dim=1):
        h = act(x_t @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh)
        states.append(h)
    return torch.stack(states, dim=1)

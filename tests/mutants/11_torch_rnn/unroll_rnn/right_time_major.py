# Transposes to time first, loops over the first axis, and transposes back.
def unroll_rnn(cell, x, h0):
    states, h = [], h0
    for x_t in x.transpose(0, 1):
        h = cell(x_t, h)
        states.append(h)
    return torch.stack(states).transpose(0, 1)

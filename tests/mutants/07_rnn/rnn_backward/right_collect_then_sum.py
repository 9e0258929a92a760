# Right: collect every step's gradients in lists, then reverse and sum them at the end.
def rnn_backward(dh, cache):
    T = dh.shape[1]
    carried = np.zeros_like(dh[:, 0])
    per_step = []
    for t in reversed(range(T)):
        dx_t, carried, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t] + carried, cache[t])
        per_step.append((dx_t, dWx_t, dWh_t, db_t))
    per_step.reverse()
    dx = np.stack([s[0] for s in per_step], axis=1)
    dWx = np.sum([s[1] for s in per_step], axis=0)
    dWh = np.sum([s[2] for s in per_step], axis=0)
    db = np.sum([s[3] for s in per_step], axis=0)
    return dx, carried, dWx, dWh, db

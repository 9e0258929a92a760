# Iterates the steps in forward order (t = 0 .. T-1) instead of backwards.
def rnn_backward(dh, cache):
    N, T, H = dh.shape
    dx_steps = [None] * T
    dWx, dWh, db = 0.0, 0.0, 0.0
    dh_next = np.zeros((N, H))
    for t in range(T):
        dx_t, dh_next, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t] + dh_next, cache[t])
        dx_steps[t] = dx_t
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return np.stack(dx_steps, axis=1), dh_next, dWx, dWh, db

# Adds the upstream gradient only at the last step (as if the loss read h_T only).
def rnn_backward(dh, cache):
    N, T, H = dh.shape
    dx_steps = [None] * T
    dWx, dWh, db = 0.0, 0.0, 0.0
    dh_next = dh[:, -1]
    for t in reversed(range(T)):
        dx_t, dh_next, dWx_t, dWh_t, db_t = rnn_step_backward(dh_next, cache[t])
        dx_steps[t] = dx_t
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return np.stack(dx_steps, axis=1), dh_next, dWx, dWh, db

# Does not carry the gradient from step t+1: each step sees only its own dh[:, t] (truncated BPTT of 1 step).
def rnn_backward(dh, cache):
    N, T, H = dh.shape
    dx_steps = [None] * T
    dWx, dWh, db = 0.0, 0.0, 0.0
    for t in reversed(range(T)):
        dx_t, dh_prev, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t], cache[t])
        dx_steps[t] = dx_t
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return np.stack(dx_steps, axis=1), dh_prev, dWx, dWh, db

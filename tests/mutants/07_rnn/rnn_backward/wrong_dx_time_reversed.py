# Appends dx_t while walking backwards and stacks without reversing: dx comes out in reverse time order.
def rnn_backward(dh, cache):
    N, T, H = dh.shape
    dx_steps = []
    dWx, dWh, db = 0.0, 0.0, 0.0
    dh_next = np.zeros((N, H))
    for t in reversed(range(T)):
        dx_t, dh_next, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t] + dh_next, cache[t])
        dx_steps.append(dx_t)
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return np.stack(dx_steps, axis=1), dh_next, dWx, dWh, db

# Right: preallocate dx and the weight gradients from the first step's shapes, accumulate with +=.
def rnn_backward(dh, cache):
    N, T, H = dh.shape
    dx = dWx = dWh = db = None
    dh_next = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        dx_t, dh_next, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t] + dh_next, cache[t])
        if dx is None:
            dx = np.zeros((N, T, dx_t.shape[1]))
            dWx, dWh, db = np.zeros_like(dWx_t), np.zeros_like(dWh_t), np.zeros_like(db_t)
        dx[:, t] = dx_t
        dWx += dWx_t
        dWh += dWh_t
        db += db_t
    return dx, dh_next, dWx, dWh, db

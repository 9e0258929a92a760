"""beta1 and beta2 swapped between the two running averages."""
def adam_step(params, grads, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if not state:
        state["t"] = 0
        state["m"] = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
        state["v"] = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
    t = state["t"] + 1
    new_params, new_m, new_v = [], [], []
    for layer, layer_g, layer_m, layer_v in zip(params, grads, state["m"], state["v"]):
        ps, ms, vs = [], [], []
        for p, g, m, v in zip(layer, layer_g, layer_m, layer_v):
            m = beta2 * m + (1 - beta2) * g
            v = beta1 * v + (1 - beta1) * g * g
            ps.append(p - lr * (m / (1 - beta2**t)) / (np.sqrt(v / (1 - beta1**t)) + eps))
            ms.append(m)
            vs.append(v)
        new_params.append(tuple(ps))
        new_m.append(tuple(ms))
        new_v.append(tuple(vs))
    state["t"], state["m"], state["v"] = t, new_m, new_v
    return new_params

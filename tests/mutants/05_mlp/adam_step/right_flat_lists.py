"""Flattens every (W, b) into one list of arrays, updates, then regroups in pairs."""
def adam_step(params, grads, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    flat_p = [a for layer in params for a in layer]
    flat_g = [a for layer in grads for a in layer]
    if "t" not in state:
        state["t"] = 0
        state["m"] = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
        state["v"] = [(np.zeros_like(W), np.zeros_like(b)) for W, b in params]
    flat_m = [a for layer in state["m"] for a in layer]
    flat_v = [a for layer in state["v"] for a in layer]
    state["t"] += 1
    t = state["t"]
    flat_m = [beta1 * m + (1 - beta1) * g for m, g in zip(flat_m, flat_g)]
    flat_v = [beta2 * v + (1 - beta2) * np.square(g) for v, g in zip(flat_v, flat_g)]
    step_size = lr / (1 - beta1**t)
    root_correction = np.sqrt(1 - beta2**t)
    flat_new = [p - step_size * m / (np.sqrt(v) / root_correction + eps) for p, m, v in zip(flat_p, flat_m, flat_v)]
    pairs = lambda flat: [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
    state["m"], state["v"] = pairs(flat_m), pairs(flat_v)
    return pairs(flat_new)

"""Keeps the moments in arrays of its own and updates those in place (the state is Adam's to change)."""
def adam_step(params, grads, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if not state:
        state.update(t=0, m=[(np.zeros_like(W), np.zeros_like(b)) for W, b in params],
                     v=[(np.zeros_like(W), np.zeros_like(b)) for W, b in params])
    state["t"] = state["t"] + 1
    t = state["t"]
    new_params = []
    for l, ((W, b), (dW, db)) in enumerate(zip(params, grads)):
        mW, mb = (np.array(a, dtype=float) for a in state["m"][l])
        vW, vb = (np.array(a, dtype=float) for a in state["v"][l])
        for m, v, g in ((mW, vW, dW), (mb, vb, db)):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g**2
        state["m"][l], state["v"][l] = (mW, mb), (vW, vb)
        update = lambda p, m, v: p - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        new_params.append((update(W, mW, vW), update(b, mb, vb)))
    return new_params

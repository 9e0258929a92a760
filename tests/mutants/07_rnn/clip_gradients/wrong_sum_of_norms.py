# Uses the sum of the arrays' norms (an L1 of norms) instead of the global L2 norm.
def clip_gradients(grads, max_norm):
    norm = sum(np.sqrt(np.sum(g * g)) for g in grads)
    scale = max_norm / norm if norm > max_norm else 1.0
    return [g * scale for g in grads]

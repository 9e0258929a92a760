# Multiplies by norm / max_norm instead of max_norm / norm.
def clip_gradients(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    scale = norm / max_norm if norm > max_norm else 1.0
    return [g * scale for g in grads]

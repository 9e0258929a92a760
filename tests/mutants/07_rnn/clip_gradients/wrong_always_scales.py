# Always rescales to max_norm, even when the norm is already small (and divides by zero for zeros).
def clip_gradients(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    return [g * (max_norm / norm) for g in grads]

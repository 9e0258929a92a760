# Clips each array by its own norm instead of the global norm over all arrays.
def clip_gradients(grads, max_norm):
    clipped = []
    for g in grads:
        norm = np.sqrt(np.sum(g * g))
        clipped.append(g * (max_norm / norm) if norm > max_norm else g.copy())
    return clipped

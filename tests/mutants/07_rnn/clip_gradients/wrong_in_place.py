# Scales the arrays in place and returns the same list.
def clip_gradients(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g * g) for g in grads))
    if norm > max_norm:
        for g in grads:
            g *= max_norm / norm
    return grads

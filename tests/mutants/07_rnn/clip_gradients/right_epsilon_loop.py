# Right: a plain loop over the arrays and PyTorch's tiny epsilon in the denominator.
def clip_gradients(grads, max_norm):
    total = 0.0
    for g in grads:
        total += float(np.sum(np.square(g)))
    norm = total ** 0.5
    if norm <= max_norm:
        return [np.copy(g) for g in grads]
    scale = max_norm / (norm + 1e-6)
    return [g * scale for g in grads]

def numerical_gradient(f, x, h=1e-5):
    """Mistake: returns a flat vector instead of an array shaped like x."""
    x = np.asarray(x, dtype=float)
    grad = []
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = h
        grad.append((f(x + step) - f(x - step)) / (2 * h))
    return np.array(grad)

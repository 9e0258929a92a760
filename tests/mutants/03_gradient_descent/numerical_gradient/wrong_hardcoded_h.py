def numerical_gradient(f, x, h=1e-5):
    """Mistake: ignores the h argument and always uses 1e-5."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = 1e-5
        grad[index] = (f(x + step) - f(x - step)) / (2 * 1e-5)
    return grad

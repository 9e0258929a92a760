def numerical_gradient(f, x, h=1e-5):
    """Mistake: central difference divided by h instead of 2h."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = h
        grad[index] = (f(x + step) - f(x - step)) / h
    return grad

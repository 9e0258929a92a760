def numerical_gradient(f, x, h=1e-5):
    """Mistake: forward difference (f(x + h) - f(x)) / h, only first-order accurate."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    fx = f(x.copy())
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = h
        grad[index] = (f(x + step) - fx) / h
    return grad

def numerical_gradient(f, x, h=1e-5):
    """Mistake: loops over range(len(x)), which perturbs whole rows of a 2-D x at once."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for i in range(len(x)):
        step = np.zeros(x.shape)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad

def numerical_gradient(f, x, h=1e-5):
    """Mistake: perturbs the caller's x in place; restores it, but not when f raises, and f sees x itself."""
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        plus = f(x)
        x[index] = old - h
        minus = f(x)
        x[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad

def numerical_gradient(f, x, h=1e-5):
    """Mistake: perturbs x in place and undoes it with arithmetic (x + h - h is not always x)."""
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        x[index] += h
        plus = f(x)
        x[index] -= 2 * h
        minus = f(x)
        x[index] += h
        grad[index] = (plus - minus) / (2 * h)
    return grad

def numerical_gradient(f, x, h=1e-5):
    """Mistake: perturbs x in place and forgets to put it back."""
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        plus = f(x)
        x[index] = old - h
        minus = f(x)
        grad[index] = (plus - minus) / (2 * h)
    return grad

def numerical_gradient(f, x, h=1e-5):
    """Correct: perturbs one private copy in place, assigning each saved value back."""
    work = np.array(x, dtype=float)
    grad = np.zeros(work.shape)
    for index in np.ndindex(work.shape):
        old = work[index]
        work[index] = old + h
        plus = float(f(work))
        work[index] = old - h
        minus = float(f(work))
        work[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad

def numerical_gradient(f, x, h=1e-5):
    """Correct: works on the flattened array with rows of h * identity, reshaped for f."""
    x = np.asarray(x, dtype=float)
    flat = x.ravel()
    steps = h * np.eye(flat.size)
    grad = np.array([(f((flat + e).reshape(x.shape)) - f((flat - e).reshape(x.shape))) / (2 * h) for e in steps])
    return grad.reshape(x.shape)

def fit_linear_regression(X, y, lr=0.1, epochs=500):
    """Mistake: starts from random weights instead of zeros."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    N = len(y)
    rng = np.random.default_rng(0)
    w = 0.1 * rng.normal(size=X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        error = X @ w + b - y
        losses.append(float(np.mean(error ** 2)))
        w = w - lr * 2 / N * (X.T @ error)
        b = b - lr * 2 / N * float(np.sum(error))
    return w, b, losses

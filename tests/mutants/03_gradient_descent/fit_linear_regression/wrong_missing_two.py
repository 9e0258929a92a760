def fit_linear_regression(X, y, lr=0.1, epochs=500):
    """Mistake: the gradient misses the factor 2 of the squared error."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    N = len(y)
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        error = X @ w + b - y
        losses.append(float(np.mean(error ** 2)))
        w = w - lr / N * (X.T @ error)
        b = b - lr / N * float(np.sum(error))
    return w, b, losses

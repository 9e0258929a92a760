def fit_linear_regression(X, y, lr=0.1, epochs=500):
    """Mistake: sums the gradient over the samples instead of averaging it (no 1/N)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        error = X @ w + b - y
        losses.append(float(np.mean(error ** 2)))
        w = w - lr * 2 * (X.T @ error)
        b = b - lr * 2 * float(np.sum(error))
    return w, b, losses

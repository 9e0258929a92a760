def fit_linear_regression(X, y, lr=0.1, epochs=500):
    """Correct: accumulates the full-batch gradient sample by sample, returns the losses as an array."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    N, D = X.shape
    w = np.zeros(D)
    b = 0.0
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        grad_w = np.zeros(D)
        grad_b = 0.0
        total = 0.0
        for i in range(N):
            error = X[i] @ w + b - y[i]
            total += error ** 2
            grad_w += 2 * error * X[i] / N
            grad_b += 2 * error / N
        losses[epoch] = total / N
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, b, losses

def fit_linear_regression(X, y, lr=0.1, epochs=500):
    """Correct: the bias as an extra weight on a column of ones, one parameter vector theta."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    theta = np.zeros(A.shape[1])
    losses = []
    for _ in range(epochs):
        residual = A @ theta - y
        losses.append(float(residual @ residual / len(y)))
        theta -= lr * (2.0 / len(y)) * (A.T @ residual)
    return theta[:-1].copy(), float(theta[-1]), losses

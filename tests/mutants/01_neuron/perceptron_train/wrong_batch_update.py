# Mistake: predicts the whole epoch with the weights from its start, then applies all updates at once.
def perceptron_train(X, y, lr=1.0, epochs=20):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = []
    for _ in range(epochs):
        pred = step(weighted_sum(X, w, b))
        w = w + lr * (y - pred) @ X
        b = b + lr * np.sum(y - pred)
        errors.append(int(np.sum(pred != y)))
    return w, float(b), errors

"""Correct: in-place updates of w (a fresh array) using perceptron_predict on one row."""
def perceptron_train(X, y, lr=1.0, epochs=20):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = []
    for _ in range(epochs):
        count = 0
        for i in range(len(X)):
            pred = perceptron_predict(X[i:i + 1], w, b)[0]
            w += lr * (y[i] - pred) * X[i]
            b += lr * (y[i] - pred)
            count += int(pred != y[i])
        errors.append(count)
    return w, b, errors

# Mistake: updates with the wrong sign, (pred - y) instead of (y - pred), pushing the line the wrong way.
def perceptron_train(X, y, lr=1.0, epochs=20):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            pred = step(weighted_sum(x_i, w, b))
            if pred != y_i:
                mistakes += 1
                w = w + lr * (pred - y_i) * x_i
                b = b + lr * (pred - y_i)
        errors.append(mistakes)
    return w, float(b), errors

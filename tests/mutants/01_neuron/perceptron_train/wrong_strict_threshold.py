# Mistake: writes its own threshold z > 0 instead of step (z >= 0), so the first example goes differently.
def perceptron_train(X, y, lr=1.0, epochs=20):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            pred = 1.0 if x_i @ w + b > 0 else 0.0
            w = w + lr * (y_i - pred) * x_i
            b = b + lr * (y_i - pred)
            mistakes += int(pred != y_i)
        errors.append(mistakes)
    return w, float(b), errors

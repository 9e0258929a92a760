# Mistake: forgets to update the bias, so b stays 0 and the line must pass through the origin.
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
            w = w + lr * (y_i - pred) * x_i
            mistakes += int(pred != y_i)
        errors.append(mistakes)
    return w, float(b), errors

# Mistake: counts the mistakes of the final weights after each epoch, not those made while visiting.
def perceptron_train(X, y, lr=1.0, epochs=20):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = []
    for _ in range(epochs):
        for x_i, y_i in zip(X, y):
            pred = step(weighted_sum(x_i, w, b))
            w = w + lr * (y_i - pred) * x_i
            b = b + lr * (y_i - pred)
        errors.append(int(np.sum(step(weighted_sum(X, w, b)) != y)))
    return w, float(b), errors

# Mistake: stops as soon as an epoch has no mistakes, so errors is shorter than `epochs`.
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
            b = b + lr * (y_i - pred)
            mistakes += int(pred != y_i)
        errors.append(mistakes)
        if mistakes == 0:
            break
    return w, float(b), errors

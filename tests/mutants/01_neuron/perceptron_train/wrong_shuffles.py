# Mistake: shuffles the examples every epoch instead of visiting them in order.
def perceptron_train(X, y, lr=1.0, epochs=20):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    rng = np.random.default_rng(0)
    w = np.zeros(X.shape[1])
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            pred = step(weighted_sum(X[i], w, b))
            w = w + lr * (y[i] - pred) * X[i]
            b = b + lr * (y[i] - pred)
            mistakes += int(pred != y[i])
        errors.append(mistakes)
    return w, float(b), errors

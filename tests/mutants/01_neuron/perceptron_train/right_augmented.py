"""Correct: the bias folded into the weights as an input that is always 1, split at the end."""
def perceptron_train(X, y, lr=1.0, epochs=20):
    X = np.asarray(X, dtype=float)
    X_aug = np.hstack([X, np.ones((X.shape[0], 1))])  # a new array: X is untouched
    w_aug = np.zeros(X_aug.shape[1])
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X_aug, np.asarray(y, dtype=float)):
            pred = 1.0 if x_i @ w_aug >= 0 else 0.0
            if pred != y_i:
                w_aug = w_aug + lr * (y_i - pred) * x_i
                mistakes += 1
        errors.append(mistakes)
    return w_aug[:-1], float(w_aug[-1]), errors

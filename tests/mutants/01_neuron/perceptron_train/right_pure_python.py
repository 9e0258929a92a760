"""Correct: plain Python lists and the +1/-1 form of the update, applied only on mistakes."""
def perceptron_train(X, y, lr=1.0, epochs=20):
    rows = [[float(v) for v in row] for row in X]
    w = [0.0] * len(rows[0])
    b = 0.0
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for x, target in zip(rows, y):
            z = sum(a * c for a, c in zip(x, w)) + b
            pred = 1.0 if z >= 0 else 0.0
            if pred != target:
                sign = 1.0 if target == 1 else -1.0
                w = [c + lr * sign * a for c, a in zip(w, x)]
                b += lr * sign
                mistakes += 1
        errors.append(mistakes)
    return np.array(w), b, errors

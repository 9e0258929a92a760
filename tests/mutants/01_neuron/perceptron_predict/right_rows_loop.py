"""Correct: one row at a time, without the helpers."""
def perceptron_predict(X, w, b):
    labels = []
    for row in np.asarray(X, dtype=float):
        labels.append(1.0 if row @ w + b >= 0 else 0.0)
    return np.array(labels, dtype=float)

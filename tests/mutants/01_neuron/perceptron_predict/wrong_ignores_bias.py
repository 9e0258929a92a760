# Mistake: ignores the bias b.
def perceptron_predict(X, w, b):
    return step(np.asarray(X, dtype=float) @ w)

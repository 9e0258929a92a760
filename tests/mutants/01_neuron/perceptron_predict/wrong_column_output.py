# Mistake: returns a column of shape (N, 1) instead of shape (N,).
def perceptron_predict(X, w, b):
    return step(weighted_sum(X, w, b)).reshape(-1, 1)

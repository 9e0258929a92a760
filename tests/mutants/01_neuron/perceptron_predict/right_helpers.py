"""Correct: step of the weighted sum, using the two helpers."""
def perceptron_predict(X, w, b):
    return step(weighted_sum(X, w, b))

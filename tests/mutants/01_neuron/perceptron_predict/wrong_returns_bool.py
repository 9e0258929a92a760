# Mistake: returns booleans (z >= 0) instead of float64 0.0/1.0.
def perceptron_predict(X, w, b):
    return weighted_sum(X, w, b) >= 0

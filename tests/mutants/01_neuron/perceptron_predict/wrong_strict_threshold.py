# Mistake: thresholds with z > 0, so points on the line are predicted 0.
def perceptron_predict(X, w, b):
    return np.where(weighted_sum(X, w, b) > 0, 1.0, 0.0)

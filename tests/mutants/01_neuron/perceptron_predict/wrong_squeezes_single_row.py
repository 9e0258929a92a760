# Mistake: squeezes the result, so a batch of one row gives a 0-d array instead of shape (1,).
def perceptron_predict(X, w, b):
    return np.squeeze(step(weighted_sum(X, w, b)))

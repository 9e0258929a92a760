# Mistake: predicts -1/+1 labels with np.sign instead of 0/1.
def perceptron_predict(X, w, b):
    return np.sign(weighted_sum(X, w, b))

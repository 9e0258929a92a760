# Mistake: returns int64 labels instead of float64.
def perceptron_predict(X, w, b):
    return (np.asarray(X) @ w + b >= 0).astype(int)

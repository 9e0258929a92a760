"""exp(z) / (1 + exp(z)) everywhere: inf / inf = NaN at z = 1000."""
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.exp(z) / (1.0 + np.exp(z))

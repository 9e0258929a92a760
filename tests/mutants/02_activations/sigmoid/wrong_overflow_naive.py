"""The textbook 1/(1 + exp(-z)): exp(1000) overflows (a RuntimeWarning) for z = -1000."""
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 1.0 / (1.0 + np.exp(-z))

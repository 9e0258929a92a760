"""sigmoid(z) = (1 + tanh(z / 2)) / 2; np.tanh never overflows."""
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 0.5 * (1.0 + np.tanh(0.5 * z))

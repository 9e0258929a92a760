"""2*sigmoid(z) - 1 instead of 2*sigmoid(2z) - 1 (that is tanh(z/2))."""
def tanh(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return 2.0 * s - 1.0

"""tanh(z) = 2 sigmoid(2z) - 1 with a stable sigmoid, self-contained."""
def tanh(z):
    z2 = 2.0 * np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z2))
    s = np.where(z2 >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return 2.0 * s - 1.0

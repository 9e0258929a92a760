"""The textbook (e^z - e^-z) / (e^z + e^-z): overflow and inf / inf = NaN at |z| = 1000."""
def tanh(z):
    z = np.asarray(z, dtype=float)
    return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))

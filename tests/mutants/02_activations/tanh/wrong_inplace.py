"""Reuses the input's memory: np.abs(z, out=z) overwrites the caller's array."""
def tanh(z):
    z = np.asarray(z, dtype=float)
    sign = np.sign(z)
    np.abs(z, out=z)
    e = np.exp(-2.0 * z)
    return sign * (1.0 - e) / (1.0 + e)

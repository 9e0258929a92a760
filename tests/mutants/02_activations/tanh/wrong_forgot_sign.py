"""Stable form without sign(z): negative inputs come out positive."""
def tanh(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-2.0 * np.abs(z))
    return (1.0 - e) / (1.0 + e)

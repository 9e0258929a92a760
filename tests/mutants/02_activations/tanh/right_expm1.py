"""sign(z) * (1 - e) / (1 + e) with 1 - e computed as -expm1(-2|z|) (no cancellation near 0)."""
def tanh(z):
    z = np.asarray(z, dtype=float)
    a = np.abs(z)
    return np.sign(z) * -np.expm1(-2.0 * a) / (1.0 + np.exp(-2.0 * a))

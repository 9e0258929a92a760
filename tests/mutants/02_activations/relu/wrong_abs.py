"""|z| instead of max(z, 0)."""
def relu(z):
    return np.abs(np.asarray(z, dtype=float))

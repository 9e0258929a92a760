"""np.minimum instead of np.maximum."""
def relu(z):
    return np.minimum(np.asarray(z, dtype=float), 0.0)

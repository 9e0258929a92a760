"""Forgot the leak: plain max(z, 0)."""
def leaky_relu(z, alpha=0.01):
    return np.maximum(np.asarray(z, dtype=float), 0.0)

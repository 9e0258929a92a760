"""The positive part plus alpha times the negative part."""
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0) + alpha * np.minimum(z, 0.0)

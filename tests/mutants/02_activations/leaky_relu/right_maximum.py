"""max(z, alpha * z), valid because 0 <= alpha < 1."""
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, alpha * z)

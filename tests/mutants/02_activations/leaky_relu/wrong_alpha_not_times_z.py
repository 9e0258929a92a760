"""Returns alpha itself (not alpha * z) for z <= 0."""
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha)

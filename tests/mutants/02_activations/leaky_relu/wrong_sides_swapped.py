"""The leak on the wrong side: alpha * z for positive z."""
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, alpha * z, z)

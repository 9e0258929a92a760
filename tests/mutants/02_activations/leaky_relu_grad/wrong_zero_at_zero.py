"""Slope 0 at exactly z = 0 (copied from ReLU) instead of alpha."""
def leaky_relu_grad(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, np.where(z < 0, alpha, 0.0))

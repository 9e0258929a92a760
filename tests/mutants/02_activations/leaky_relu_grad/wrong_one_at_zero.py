"""z >= 0: slope 1 at z = 0 (the convention is alpha)."""
def leaky_relu_grad(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1.0, alpha)

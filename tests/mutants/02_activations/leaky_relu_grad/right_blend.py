"""alpha + (1 - alpha) * [z > 0]."""
def leaky_relu_grad(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return alpha + (1.0 - alpha) * (z > 0)

"""Slopes on the wrong sides: alpha for z > 0 and 1 elsewhere."""
def leaky_relu_grad(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, alpha, 1.0)

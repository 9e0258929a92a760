"""z[z < 0] *= alpha changes the caller's array."""
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    z[z < 0] *= alpha
    return z

"""The derivative is even: e / (1 + e)**2 with e = exp(-|z|), self-contained."""
def sigmoid_grad(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2

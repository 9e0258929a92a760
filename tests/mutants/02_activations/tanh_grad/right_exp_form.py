"""1 / cosh(z)**2 written stably as 4e / (1 + e)**2 with e = exp(-2|z|), self-contained."""
def tanh_grad(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / (1.0 + e) ** 2

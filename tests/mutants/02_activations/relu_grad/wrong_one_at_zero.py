"""z >= 0 instead of z > 0: gives 1 at z = 0 (the convention is 0)."""
def relu_grad(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1.0, 0.0)

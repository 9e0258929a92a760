"""1 / cosh(z)**2: right on paper, but cosh(1000) overflows (a RuntimeWarning)."""
def tanh_grad(z):
    z = np.asarray(z, dtype=float)
    return 1.0 / np.cosh(z) ** 2

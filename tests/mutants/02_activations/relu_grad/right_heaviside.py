"""The Heaviside step with value 0 at 0."""
def relu_grad(z):
    return np.heaviside(np.asarray(z, dtype=float), 0.0)

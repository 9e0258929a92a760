"""np.heaviside(z, 0.5): the "average" slope 0.5 at z = 0 instead of 0."""
def relu_grad(z):
    return np.heaviside(np.asarray(z, dtype=float), 0.5)

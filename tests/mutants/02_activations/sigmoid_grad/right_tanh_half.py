"""sigmoid'(z) = (1 - tanh(z/2)**2) / 4, self-contained."""
def sigmoid_grad(z):
    z = np.asarray(z, dtype=float)
    return 0.25 * (1.0 - np.tanh(0.5 * z) ** 2)

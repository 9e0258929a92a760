"""sigmoid(z) = exp(-log(1 + exp(-z))) = exp(-logaddexp(0, -z)); logaddexp is stable."""
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -z))

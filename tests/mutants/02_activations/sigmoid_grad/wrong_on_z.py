"""s * (1 - s) applied to z instead of to s = sigmoid(z)."""
def sigmoid_grad(z):
    z = np.asarray(z, dtype=float)
    return z * (1.0 - z)

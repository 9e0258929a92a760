"""max(sign(z), 0): 1 for positive, 0 for zero and negative."""
def relu_grad(z):
    return np.maximum(np.sign(np.asarray(z, dtype=float)), 0.0)

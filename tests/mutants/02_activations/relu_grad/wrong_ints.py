"""(z > 0).astype(int): integers, not float64."""
def relu_grad(z):
    return (np.asarray(z) > 0).astype(int)

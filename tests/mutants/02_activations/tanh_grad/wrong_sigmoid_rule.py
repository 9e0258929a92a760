"""Used the sigmoid's rule t * (1 - t) with t = tanh(z)."""
def tanh_grad(z):
    t = tanh(z)
    return t * (1.0 - t)

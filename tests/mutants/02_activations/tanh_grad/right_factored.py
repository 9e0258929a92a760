"""(1 - t) * (1 + t) with t = tanh(z) (calls the graded tanh)."""
def tanh_grad(z):
    t = tanh(z)
    return (1.0 - t) * (1.0 + t)

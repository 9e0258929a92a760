"""1 - tanh(z): forgot the square."""
def tanh_grad(z):
    return 1.0 - tanh(z)

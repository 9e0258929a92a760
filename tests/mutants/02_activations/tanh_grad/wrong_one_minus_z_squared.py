"""1 - z**2: squares the input instead of tanh's output."""
def tanh_grad(z):
    z = np.asarray(z, dtype=float)
    return 1.0 - z ** 2

"""One number at a time into a new array."""
def leaky_relu_grad(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    for index in np.ndindex(z.shape):
        out[index] = 1.0 if z[index] > 0 else alpha
    return out

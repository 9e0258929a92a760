"""One number at a time into a new array."""
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    for index in np.ndindex(z.shape):
        t = z[index]
        out[index] = t if t > 0 else alpha * t
    return out

"""One number at a time with Python's math module, branching on the sign."""
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    for index in np.ndindex(z.shape):
        t = float(z[index])
        out[index] = 1.0 / (1.0 + math.exp(-t)) if t >= 0 else math.exp(t) / (1.0 + math.exp(t))
    return out

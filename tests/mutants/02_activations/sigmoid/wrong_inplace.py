"""Right values, but written into the caller's array (boolean-mask assignment on z itself)."""
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    negative = z < 0
    e = np.exp(-np.abs(z))
    z[negative] = e[negative] / (1.0 + e[negative])
    z[~negative] = 1.0 / (1.0 + e[~negative])
    return z

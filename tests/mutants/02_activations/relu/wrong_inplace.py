"""z[z < 0] = 0 zeroes the caller's array."""
def relu(z):
    z = np.asarray(z, dtype=float)
    z[z < 0] = 0.0
    return z

# Mistake: overwrites the input array in place (right values, but z is destroyed).
def step(z):
    z = np.asarray(z, dtype=float)
    positive = z >= 0
    z[positive] = 1.0
    z[~positive] = 0.0
    return z

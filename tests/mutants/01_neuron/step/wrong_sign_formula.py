# Mistake: (sign(z) + 1) / 2 gives 0.5 at z = 0.
def step(z):
    return (np.sign(np.asarray(z, dtype=float)) + 1.0) / 2.0

# Mistake: np.heaviside(z, 0.0) sets step(0) = 0.
def step(z):
    return np.heaviside(np.asarray(z, dtype=float), 0.0)

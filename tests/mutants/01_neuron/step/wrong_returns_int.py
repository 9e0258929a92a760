# Mistake: returns integers instead of float64.
def step(z):
    return (np.asarray(z) >= 0).astype(int)

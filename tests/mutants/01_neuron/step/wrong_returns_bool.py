# Mistake: returns booleans instead of the floats 0.0/1.0.
def step(z):
    return np.asarray(z) >= 0

"""Correct: a fresh array of zeros with ones written where z >= 0."""
def step(z):
    z = np.asarray(z)
    out = np.zeros(z.shape)
    out[z >= 0] = 1.0
    return out

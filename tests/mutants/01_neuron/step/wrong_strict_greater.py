# Mistake: z > 0 instead of z >= 0, so step(0) is 0.
def step(z):
    return np.where(np.asarray(z) > 0, 1.0, 0.0)

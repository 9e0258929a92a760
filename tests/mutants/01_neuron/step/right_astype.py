"""Correct: a boolean mask converted to float64."""
def step(z):
    return (np.asarray(z) >= 0).astype(np.float64)

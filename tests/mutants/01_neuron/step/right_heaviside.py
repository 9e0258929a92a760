"""Correct: NumPy's Heaviside function with the value 1 at zero."""
def step(z):
    return np.heaviside(np.asarray(z, dtype=float), 1.0)

"""Clipping to [-500, 500] is harmless: sigmoid(-500) ~ 7e-218 is 0 to any tolerance, and exp(500) is finite."""
def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -500.0, 500.0)
    return 1.0 / (1.0 + np.exp(-z))

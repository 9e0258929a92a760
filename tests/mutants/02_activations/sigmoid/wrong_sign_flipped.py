"""Sign slip inside exp: 1 / (1 + exp(z)) is sigmoid(-z)."""
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))

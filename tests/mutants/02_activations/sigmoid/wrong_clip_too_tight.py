"""Avoids overflow by clipping z to [-10, 10], which changes the answer (sigmoid(15) != sigmoid(10))."""
def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -10.0, 10.0)
    return 1.0 / (1.0 + np.exp(-z))

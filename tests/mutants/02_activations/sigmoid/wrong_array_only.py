"""Assumes an array: z.astype fails on a Python float."""
def sigmoid(z):
    z = z.astype(float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

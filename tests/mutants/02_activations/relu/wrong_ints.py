"""np.maximum(z, 0) without converting: integer input gives an integer result."""
def relu(z):
    return np.maximum(z, 0)

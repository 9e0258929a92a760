"""Correct: NAND built by negating AND's weights and bias."""
def gate_neuron(name):
    if name == "not":
        return np.array([-1.0]), 0.5
    w_and, b_and = np.array([1.0, 1.0]), -1.5
    if name == "and":
        return w_and, b_and
    if name == "nand":
        return -w_and, -b_and
    return np.array([1.0, 1.0]), -0.5

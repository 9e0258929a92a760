"""Correct: integer biases that leave some points exactly on the line (step(0) = 1 makes them fire)."""
def gate_neuron(name):
    if name == "and":
        return np.array([1.0, 1.0]), -2.0
    if name == "or":
        return np.array([1.0, 1.0]), -1.0
    if name == "nand":
        return np.array([-1.0, -1.0]), 1.0
    if name == "not":
        return np.array([-1.0]), 0.0
    raise ValueError(f"unknown gate {name!r}")

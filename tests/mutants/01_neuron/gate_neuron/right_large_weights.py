"""Correct: bigger, unequal weights with the line still between the right points."""
def gate_neuron(name):
    table = {
        "and": (np.array([3.0, 2.0]), -4.0),
        "or": (np.array([2.0, 5.0]), -1.0),
        "nand": (np.array([-2.5, -2.0]), 4.0),
        "not": (np.array([-10.0]), 3.0),
    }
    return table[name]

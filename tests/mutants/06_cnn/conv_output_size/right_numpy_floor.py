"""Correct: floor of the true quotient, converted back to an int."""
def conv_output_size(size, kernel, stride=1, pad=0):
    return int(np.floor((size + 2 * pad - kernel) / stride)) + 1

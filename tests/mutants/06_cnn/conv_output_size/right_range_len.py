"""Correct: the length of the range of window starts."""
def conv_output_size(size, kernel, stride=1, pad=0):
    return len(range(0, size + 2 * pad - kernel + 1, stride))

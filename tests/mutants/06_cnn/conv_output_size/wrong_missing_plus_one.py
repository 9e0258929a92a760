"""Mistake: off by one, forgets to count the window that starts at 0."""
def conv_output_size(size, kernel, stride=1, pad=0):
    return (size + 2 * pad - kernel) // stride

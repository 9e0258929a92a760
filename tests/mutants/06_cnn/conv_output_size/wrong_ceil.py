"""Mistake: rounds up (ceil) instead of down, keeping a window that sticks out."""
def conv_output_size(size, kernel, stride=1, pad=0):
    return -(-(size + 2 * pad - kernel) // stride) + 1

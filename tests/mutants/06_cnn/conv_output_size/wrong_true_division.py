"""Mistake: true division `/` instead of floor division `//` (a float, and no floor)."""
def conv_output_size(size, kernel, stride=1, pad=0):
    return (size + 2 * pad - kernel) / stride + 1

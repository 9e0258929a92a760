"""Mistake: ignores the stride (the stride-1 formula)."""
def conv_output_size(size, kernel, stride=1, pad=0):
    return size + 2 * pad - kernel + 1

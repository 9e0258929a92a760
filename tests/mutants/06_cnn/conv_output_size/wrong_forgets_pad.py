"""Mistake: forgets the padding."""
def conv_output_size(size, kernel, stride=1, pad=0):
    return (size - kernel) // stride + 1

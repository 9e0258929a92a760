"""Mistake: pads only one side (pad instead of 2 * pad)."""
def conv_output_size(size, kernel, stride=1, pad=0):
    return (size + pad - kernel) // stride + 1

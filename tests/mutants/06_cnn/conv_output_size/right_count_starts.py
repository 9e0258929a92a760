"""Correct: counts the window starts that fit, one by one."""
def conv_output_size(size, kernel, stride=1, pad=0):
    count = 0
    start = 0
    while start + kernel <= size + 2 * pad:
        count += 1
        start += stride
    return count

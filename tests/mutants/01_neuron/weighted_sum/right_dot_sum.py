"""Correct: elementwise product summed over the last axis."""
def weighted_sum(x, w, b):
    return (np.asarray(x, dtype=float) * np.asarray(w, dtype=float)).sum(axis=-1) + b

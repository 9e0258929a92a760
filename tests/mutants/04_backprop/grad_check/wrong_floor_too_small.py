# Mistake: floor 1e-12 instead of 1e-8, so a 1e-9 gradient against an exact 0 reads as a 100% error.
def grad_check(f, x, analytic, h=1e-5):
    """Max relative error |a - n| / max(1e-8, |a| + |n|) of `analytic` against central differences of f at x."""
    x = np.array(x, dtype=float)
    analytic = np.asarray(analytic, dtype=float)
    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        plus = float(f(x))
        x[index] = original - h
        minus = float(f(x))
        x[index] = original
        numeric[index] = (plus - minus) / (2 * h)
    return float(np.max(np.abs(analytic - numeric) / np.maximum(1e-12, np.abs(analytic) + np.abs(numeric))))

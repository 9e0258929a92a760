# Mistake: forward difference (f(x + h) - f(x)) / h, error O(h) instead of O(h^2).
def grad_check(f, x, analytic, h=1e-5):
    """Max relative error |a - n| / max(1e-8, |a| + |n|) of `analytic` against central differences of f at x."""
    x = np.array(x, dtype=float)
    analytic = np.asarray(analytic, dtype=float)
    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        plus = float(f(x))
        x[index] = original
        minus = float(f(x))
        numeric[index] = (plus - minus) / h
    return float(np.max(np.abs(analytic - numeric) / np.maximum(1e-8, np.abs(analytic) + np.abs(numeric))))

# Correct: perturbs the caller's array through a flat view and restores each entry exactly.
def grad_check(f, x, analytic, h=1e-5):
    """Max relative error |a - n| / max(1e-8, |a| + |n|) of `analytic` against central differences of f at x."""
    flat = x.reshape(-1)  # a view: writes go to x, and are undone below
    numeric = np.zeros(x.size)
    for i in range(x.size):
        old = flat[i]
        flat[i] = old + h
        plus = f(x)
        flat[i] = old - h
        minus = f(x)
        flat[i] = old
        numeric[i] = (plus - minus) / (2 * h)
    a = np.ravel(analytic)
    rel = np.abs(a - numeric) / np.maximum(1e-8, np.abs(a) + np.abs(numeric))
    return rel.max()

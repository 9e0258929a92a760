# Correct: builds each perturbation from a unit vector; never touches x at all.
def grad_check(f, x, analytic, h=1e-5):
    """Max relative error |a - n| / max(1e-8, |a| + |n|) of `analytic` against central differences of f at x."""
    x = np.asarray(x, dtype=float)
    analytic = np.asarray(analytic, dtype=float)
    worst = 0.0
    for i in range(x.size):
        e = np.zeros(x.size)
        e[i] = h
        e = e.reshape(x.shape)
        n = (f(x + e) - f(x - e)) / (2 * h)
        a = analytic.reshape(-1)[i]
        worst = max(worst, abs(a - n) / max(1e-8, abs(a) + abs(n)))
    return float(worst)

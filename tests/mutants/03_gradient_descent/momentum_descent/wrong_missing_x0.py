def momentum_descent(grad_fn, x0, lr, beta, steps):
    """Mistake: the trajectory has steps rows: x0 is missing."""
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    trajectory = []
    for _ in range(steps):
        v = beta * v + grad_fn(x)
        x = x - lr * v
        trajectory.append(x)
    return np.array(trajectory)

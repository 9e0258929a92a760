def momentum_descent(grad_fn, x0, lr, beta, steps):
    """Mistake: moves with the old velocity, then updates it (the first step does nothing)."""
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    trajectory = [x]
    for _ in range(steps):
        x_new = x - lr * v
        v = beta * v + grad_fn(x)
        x = x_new
        trajectory.append(x)
    return np.array(trajectory)

def gradient_descent(grad_fn, x0, lr, steps):
    """Mistake: the trajectory has steps rows: x0 is missing."""
    x = np.array(x0, dtype=float)
    trajectory = []
    for _ in range(steps):
        x = x - lr * grad_fn(x)
        trajectory.append(x)
    return np.array(trajectory)

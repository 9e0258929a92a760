def gradient_descent(grad_fn, x0, lr, steps):
    """Mistake: ignores lr and always uses 0.1."""
    x = np.array(x0, dtype=float)
    trajectory = [x]
    for _ in range(steps):
        x = x - 0.1 * grad_fn(x)
        trajectory.append(x)
    return np.array(trajectory)

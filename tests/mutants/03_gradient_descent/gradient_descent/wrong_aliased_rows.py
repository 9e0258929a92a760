def gradient_descent(grad_fn, x0, lr, steps):
    """Mistake: appends the same array object and updates it in place: every row ends up the last point."""
    x = np.array(x0, dtype=float)
    trajectory = [x]
    for _ in range(steps):
        x -= lr * grad_fn(x)
        trajectory.append(x)
    return np.array(trajectory)

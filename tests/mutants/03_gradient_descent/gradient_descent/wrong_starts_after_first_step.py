def gradient_descent(grad_fn, x0, lr, steps):
    """Mistake: steps + 1 rows, but recorded after each update, so row 0 is x1, not x0."""
    x = np.array(x0, dtype=float)
    trajectory = []
    for _ in range(steps + 1):
        x = x - lr * grad_fn(x)
        trajectory.append(x)
    return np.array(trajectory)

def gradient_descent(grad_fn, x0, lr, steps):
    """Correct: fills a preallocated (steps + 1, D) array row by row."""
    x0 = np.asarray(x0, dtype=float)
    trajectory = np.empty((steps + 1, x0.size))
    trajectory[0] = x0
    for t in range(steps):
        trajectory[t + 1] = trajectory[t] - lr * np.asarray(grad_fn(trajectory[t].copy()))
    return trajectory

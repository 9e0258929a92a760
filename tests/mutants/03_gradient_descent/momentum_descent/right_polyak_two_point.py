def momentum_descent(grad_fn, x0, lr, beta, steps):
    """Correct: Polyak's form x_{t+1} = x_t - lr*grad(x_t) + beta*(x_t - x_{t-1}), with x_{-1} = x0."""
    x0 = np.asarray(x0, dtype=float)
    trajectory = np.empty((steps + 1, x0.size))
    trajectory[0] = x0
    previous = x0.copy()
    for t in range(steps):
        current = trajectory[t]
        trajectory[t + 1] = current - lr * np.asarray(grad_fn(current.copy())) + beta * (current - previous)
        previous = current.copy()
    return trajectory

def momentum_descent(grad_fn, x0, lr, beta, steps):
    """Correct: v = beta*v + lr*grad, x = x - v. With a constant lr this v is lr times the heavy-ball v."""
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    trajectory = [x]
    for _ in range(steps):
        v = beta * v + lr * np.asarray(grad_fn(x), dtype=float)
        x = x - v
        trajectory.append(x)
    return np.array(trajectory)

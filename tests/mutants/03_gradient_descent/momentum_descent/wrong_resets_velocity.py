def momentum_descent(grad_fn, x0, lr, beta, steps):
    """Mistake: resets the velocity to zero at every step (so it is plain gradient descent)."""
    x = np.array(x0, dtype=float)
    trajectory = [x]
    for _ in range(steps):
        v = np.zeros_like(x)
        v = beta * v + grad_fn(x)
        x = x - lr * v
        trajectory.append(x)
    return np.array(trajectory)

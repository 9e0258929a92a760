def momentum_descent(grad_fn, x0, lr, beta, steps):
    """Mistake: puts lr in the velocity and again in the step (lr applied twice)."""
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    trajectory = [x]
    for _ in range(steps):
        v = beta * v + lr * grad_fn(x)
        x = x - lr * v
        trajectory.append(x)
    return np.array(trajectory)

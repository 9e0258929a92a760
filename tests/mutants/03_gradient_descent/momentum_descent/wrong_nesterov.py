def momentum_descent(grad_fn, x0, lr, beta, steps):
    """Mistake: Nesterov momentum (gradient at the look-ahead point) instead of the heavy ball."""
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    trajectory = [x]
    for _ in range(steps):
        v = beta * v + grad_fn(x - lr * beta * v)
        x = x - lr * v
        trajectory.append(x)
    return np.array(trajectory)

def momentum_descent(grad_fn, x0, lr, beta, steps):
    """Mistake: an exponential moving average v = beta*v + (1 - beta)*grad, not the heavy ball."""
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    trajectory = [x]
    for _ in range(steps):
        v = beta * v + (1 - beta) * grad_fn(x)
        x = x - lr * v
        trajectory.append(x)
    return np.array(trajectory)

def gradient_descent(grad_fn, x0, lr, steps):
    """Mistake: steps uphill (x + lr * grad)."""
    x = np.array(x0, dtype=float)
    trajectory = [x]
    for _ in range(steps):
        x = x + lr * grad_fn(x)
        trajectory.append(x)
    return np.array(trajectory)

def gradient_descent(grad_fn, x0, lr, steps):
    """Mistake: updates x0 in place (x -= ...), changing the caller's array."""
    x = x0
    trajectory = [x.copy()]
    for _ in range(steps):
        x -= lr * grad_fn(x)
        trajectory.append(x.copy())
    return np.array(trajectory)

def gradient_descent(grad_fn, x0, lr, steps):
    """Correct: in-place updates on a private copy, stacking copies of each point."""
    x = np.array(x0, dtype=float, copy=True)
    points = [x.copy()]
    for _ in range(steps):
        g = np.asarray(grad_fn(x.copy()), dtype=float)
        x -= lr * g
        points.append(x.copy())
    return np.stack(points)

"""Shuffles copies of X and y every epoch and slices them; the L2 term via np.linalg.norm."""
def train_mlp(X, y, hidden_sizes, lr, epochs, batch_size, seed=0, l2=0.0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(int)
    rng = np.random.default_rng(seed)
    params = init_params([X.shape[1]] + list(hidden_sizes) + [y.max() + 1], seed=seed)
    state, losses_per_epoch = {}, []
    for epoch in range(epochs):
        permutation = rng.permutation(X.shape[0])
        X_shuffled, y_shuffled = X[permutation], y[permutation]
        total, count = 0.0, 0
        for i in range(0, X.shape[0], batch_size):
            xb, yb = X_shuffled[i:i + batch_size], y_shuffled[i:i + batch_size]
            logits, caches = mlp_forward(xb, params)
            data_loss, dlogits = softmax_cross_entropy(logits, yb)
            penalty = 0.5 * l2 * sum(np.linalg.norm(W) ** 2 for W, _ in params)
            total += data_loss + penalty
            count += 1
            grads = []
            for (dW, db), (W, _) in zip(mlp_backward(dlogits, caches), params):
                grads.append((dW + l2 * W, db))
            params = adam_step(params, grads, state, lr=lr)
        losses_per_epoch.append(total / count)
    return params, {"loss": losses_per_epoch}

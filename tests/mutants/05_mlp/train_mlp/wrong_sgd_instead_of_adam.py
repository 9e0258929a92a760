"""Plain SGD steps instead of Adam."""
def train_mlp(X, y, hidden_sizes, lr, epochs, batch_size, seed=0, l2=0.0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    params = init_params([X.shape[1], *hidden_sizes, int(y.max()) + 1], seed=seed)
    rng = np.random.default_rng(seed)
    state = {}
    history = {"loss": []}
    for _ in range(epochs):
        order = rng.permutation(len(X))
        batch_losses = []
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            logits, caches = mlp_forward(X[batch], params)
            loss, dlogits = softmax_cross_entropy(logits, y[batch])
            loss += 0.5 * l2 * sum(np.sum(W**2) for W, _ in params)
            batch_losses.append(loss)
            grads = mlp_backward(dlogits, caches)
            grads = [(dW + l2 * W, db) for (dW, db), (W, _) in zip(grads, params)]
            params = sgd_step(params, grads, lr)
        history["loss"].append(float(np.mean(batch_losses)))
    return params, history

"""Ignores batch_size: one full-batch step per epoch."""
def train_mlp(X, y, hidden_sizes, lr, epochs, batch_size, seed=0, l2=0.0):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    params = init_params([X.shape[1], *hidden_sizes, int(y.max()) + 1], seed=seed)
    state = {}
    history = {"loss": []}
    for _ in range(epochs):
        logits, caches = mlp_forward(X, params)
        loss, dlogits = softmax_cross_entropy(logits, y)
        loss += 0.5 * l2 * sum(np.sum(W**2) for W, _ in params)
        grads = mlp_backward(dlogits, caches)
        grads = [(dW + l2 * W, db) for (dW, db), (W, _) in zip(grads, params)]
        params = adam_step(params, grads, state, lr=lr)
        history["loss"].append(float(loss))
    return params, history

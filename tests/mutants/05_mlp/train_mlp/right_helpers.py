"""Small inner helpers for the batches and the penalty; integer batch count with array_split."""
def train_mlp(X, y, hidden_sizes, lr, epochs, batch_size, seed=0, l2=0.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    n = len(X)

    def penalty(params):
        return 0.5 * l2 * float(sum((W * W).sum() for W, _ in params))

    def batches(order):
        n_batches = int(np.ceil(n / batch_size))
        return [order[k * batch_size:(k + 1) * batch_size] for k in range(n_batches)]

    params = init_params([X.shape[1], *hidden_sizes, int(np.max(y)) + 1], seed=seed)
    rng, state, history = np.random.default_rng(seed), {}, {"loss": []}
    for _ in range(epochs):
        epoch_losses = []
        for idx in batches(rng.permutation(n)):
            logits, caches = mlp_forward(X[idx], params)
            loss, dlogits = softmax_cross_entropy(logits, y[idx])
            epoch_losses.append(loss + penalty(params))
            grads = [(dW + l2 * W, db) for (dW, db), (W, _) in zip(mlp_backward(dlogits, caches), params)]
            params = adam_step(params, grads, state, lr=lr)
        history["loss"].append(sum(epoch_losses) / len(epoch_losses))
    return params, history

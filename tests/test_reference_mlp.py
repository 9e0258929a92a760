"""gradschool.reference.mlp: the chapter 5 contract, checked against PyTorch (float64)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gradschool.data import load_digits, make_moons
from gradschool.reference import mlp


def _torch_mlp(X, params):
    """Logits of the same network in PyTorch, with leaf tensors for every W and b."""
    leaves = [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True)) for W, b in params]
    h = torch.tensor(X)
    for index, (W, b) in enumerate(leaves):
        h = h @ W + b
        if index < len(leaves) - 1:
            h = torch.relu(h)
    return h, leaves


def test_init_statistics_and_shapes():
    params = mlp.init_params([600, 300, 10], seed=0)
    assert [W.shape for W, _ in params] == [(600, 300), (300, 10)]
    assert all(np.array_equal(b, np.zeros(len(b))) for _, b in params)
    assert abs(params[0][0].std() / np.sqrt(2 / 600) - 1) < 0.02
    xavier = mlp.init_params([600, 300], seed=0, scheme="xavier")[0][0]
    assert abs(xavier.std() / np.sqrt(2 / 900) - 1) < 0.02
    again = mlp.init_params([600, 300, 10], seed=0)
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(params, again))
    assert not np.array_equal(params[0][0], mlp.init_params([600, 300, 10], seed=1)[0][0])
    with pytest.raises(ValueError):
        mlp.init_params([3, 2], scheme="lecun")


@pytest.mark.parametrize("n, sizes", [(1, [3, 2]), (5, [4, 6, 3]), (9, [8, 16, 16, 4])])
def test_forward_and_backward_match_torch(n, sizes):
    rng = np.random.default_rng(n)
    X = rng.normal(size=(n, sizes[0]))
    params = [(rng.normal(size=(i, o)), rng.normal(size=o)) for i, o in zip(sizes[:-1], sizes[1:])]
    logits, caches = mlp.mlp_forward(X, params)
    ref, leaves = _torch_mlp(X, params)
    np.testing.assert_allclose(logits, ref.detach().numpy(), rtol=1e-12, atol=1e-12)
    dlogits = rng.normal(size=logits.shape)
    grads = mlp.mlp_backward(dlogits, caches)
    ref.backward(torch.tensor(dlogits))
    for (dW, db), (W, b) in zip(grads, leaves):
        np.testing.assert_allclose(dW, W.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(db, b.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_sgd_step_returns_new_arrays():
    params = [(np.ones((2, 2)), np.zeros(2))]
    new = mlp.sgd_step(params, [(np.full((2, 2), 2.0), np.ones(2))], lr=0.5)
    np.testing.assert_array_equal(new[0][0], np.zeros((2, 2)))
    np.testing.assert_array_equal(new[0][1], -0.5 * np.ones(2))
    np.testing.assert_array_equal(params[0][0], np.ones((2, 2)))


@pytest.mark.parametrize("lr, betas, eps", [(1e-2, (0.9, 0.999), 1e-8), (3e-3, (0.8, 0.99), 1e-3)])
def test_adam_matches_torch_and_resumes(lr, betas, eps):
    rng = np.random.default_rng(0)
    params = [(rng.normal(size=(3, 4)), rng.normal(size=4)), (rng.normal(size=(4, 2)), rng.normal(size=2))]
    leaves = [torch.tensor(a, requires_grad=True) for layer in params for a in layer]
    optimizer = torch.optim.Adam(leaves, lr=lr, betas=betas, eps=eps)
    state: dict = {}
    for step in range(1, 6):
        grads = [(rng.normal(size=W.shape) * 1e-2, rng.normal(size=b.shape) * 1e-2) for W, b in params]
        before = [a.copy() for layer in params for a in layer]
        params_new = mlp.adam_step(params, grads, state, lr=lr, beta1=betas[0], beta2=betas[1], eps=eps)
        for leaf, g in zip(leaves, [a for layer in grads for a in layer]):
            leaf.grad = torch.tensor(g)
        optimizer.step()
        for a, b in zip(before, [a for layer in params for a in layer]):
            np.testing.assert_array_equal(a, b)  # old params untouched
        params = params_new
        for mine, leaf in zip([a for layer in params for a in layer], leaves):
            np.testing.assert_allclose(mine, leaf.detach().numpy(), rtol=1e-10, atol=1e-13)
        assert state["t"] == step
    # Resume: a copy of the state continues exactly like the original.
    copy = {"t": state["t"], "m": [tuple(a.copy() for a in m) for m in state["m"]],
            "v": [tuple(a.copy() for a in v) for v in state["v"]]}
    grads = [(np.ones_like(W), np.ones_like(b)) for W, b in params]
    a = mlp.adam_step(params, grads, state, lr=lr, beta1=betas[0], beta2=betas[1], eps=eps)
    b = mlp.adam_step(params, grads, copy, lr=lr, beta1=betas[0], beta2=betas[1], eps=eps)
    assert all(np.array_equal(x, y) for la, lb in zip(a, b) for x, y in zip(la, lb))


def test_train_mlp_l2_and_history():
    X, y = make_moons(120, noise=0.2, seed=0)
    plain, history = mlp.train_mlp(X, y, [16], lr=0.01, epochs=20, batch_size=32, seed=0)
    decayed, _ = mlp.train_mlp(X, y, [16], lr=0.01, epochs=20, batch_size=32, seed=0, l2=0.1)
    assert len(history["loss"]) == 20 and history["loss"][-1] < history["loss"][0]
    assert sum(np.sum(W**2) for W, _ in decayed) < 0.5 * sum(np.sum(W**2) for W, _ in plain)
    assert mlp.l2_penalty(decayed, 0.0) == 0.0


def test_train_mlp_reaches_the_digits_target():
    X_train, y_train = load_digits("train")
    X_test, y_test = load_digits("test")
    params, _ = mlp.train_mlp(X_train, y_train, [128], lr=2e-3, epochs=30, batch_size=32, seed=0)
    assert mlp.accuracy(params, X_test, y_test) >= 0.96

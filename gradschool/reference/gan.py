"""Reference GAN in NumPy (chapter 8): the two networks, the two losses and a training loop.

A GAN is two small multi-layer perceptrons playing a game:

* the **generator** ``G`` maps noise ``z (N, latent_dim)`` to samples ``x (N, data_dim)``;
* the **discriminator** ``D`` maps samples ``x (N, data_dim)`` to one logit each, ``(N,)``:
  large when it believes ``x`` is real, very negative when it believes ``x`` is fake.

Both are lists of layers ``[(W1, b1), ..., (WL, bL)]`` (``W (fan_in, fan_out)``, ``b (fan_out,)``)
with leaky-ReLU hidden layers (slope :data:`LEAK` for negative inputs, as in most GANs: a plain
ReLU can die and then passes no gradient back to the generator) and a linear output layer.

What the chapter 8 notebook uses:

* :func:`init_generator`, :func:`init_discriminator`: fresh networks;
* :func:`generator_forward` / :func:`generator_backward`: ``z -> x`` and the gradient with
  respect to ``G``'s parameters given ``dL/dx``;
* :func:`discriminator_forward` / :func:`discriminator_backward`: ``x -> logits (N,)`` and the
  gradients with respect to ``D``'s parameters **and to its input** ``x`` (that is the path
  the generator learns through);
* :func:`adam_step` (chapter 5's, re-exported) and :data:`ADAM_BETA1` (0.5, the usual GAN
  setting);
* :func:`sample_generator`: ``n`` samples from a generator;
* :func:`discriminator_loss`, :func:`generator_loss`: the graded losses of chapter 8, stable
  for logits of any size;
* :class:`GanTrainer`: the alternating training loop one step at a time (the widget drives
  it), and :func:`train_gan` built on it, with the contract of the graded ``train_gan``.

Inputs are never modified (the one exception: ``adam_step``'s ``state`` dict). Everything is float64.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from gradschool.reference.layers import linear_backward, linear_forward
from gradschool.reference.mlp import adam_step

__all__ = [
    "LEAK",
    "ADAM_BETA1",
    "init_generator",
    "init_discriminator",
    "generator_forward",
    "generator_backward",
    "discriminator_forward",
    "discriminator_backward",
    "adam_step",
    "sample_generator",
    "log_sigmoid",
    "discriminator_loss",
    "generator_loss",
    "saturating_generator_loss",
    "GanTrainer",
    "train_gan",
    "bimodal_1d",
]

LEAK = 0.2
"""Slope of the leaky ReLU for negative inputs."""

ADAM_BETA1 = 0.5
"""Adam's ``beta1`` for GANs: a shorter memory than the default 0.9 copes better with a moving target."""

Params = list  # [(W, b), ...]


# --------------------------------------------------------------------------- the networks


def _init_mlp(sizes: Sequence[int], seed: int) -> Params:
    """He-normal weights (for leaky ReLU), zero biases; the last layer is scaled down to start near 0."""
    rng = np.random.default_rng(seed)
    params = []
    for index, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        W = rng.normal(0.0, np.sqrt(2.0 / ((1 + LEAK**2) * fan_in)), size=(fan_in, fan_out))
        if index == len(sizes) - 2:
            W *= 0.5
        params.append((W, np.zeros(fan_out)))
    return params


def init_generator(latent_dim: int = 2, hidden: Sequence[int] = (32, 32), data_dim: int = 2, seed: int = 0) -> Params:
    """A fresh generator ``latent_dim -> hidden... -> data_dim`` (leaky-ReLU hidden layers)."""
    return _init_mlp([int(latent_dim), *hidden, int(data_dim)], seed)


def init_discriminator(data_dim: int = 2, hidden: Sequence[int] = (32, 32), seed: int = 0) -> Params:
    """A fresh discriminator ``data_dim -> hidden... -> 1`` (leaky-ReLU hidden layers, one logit out)."""
    return _init_mlp([int(data_dim), *hidden, 1], seed)


def _mlp_forward(params: Params, x: Any) -> tuple[np.ndarray, list]:
    h = np.asarray(x, dtype=np.float64)
    caches = []
    last = len(params) - 1
    for index, (W, b) in enumerate(params):
        z, linear_cache = linear_forward(h, W, b)
        if index < last:
            h = np.where(z > 0, z, LEAK * z)
            caches.append((linear_cache, z))
        else:
            h = z
            caches.append((linear_cache, None))
    return h, caches


def _mlp_backward(dout: Any, caches: list) -> tuple[list, np.ndarray]:
    grads: list = [None] * len(caches)
    dout = np.asarray(dout, dtype=np.float64)
    for index in range(len(caches) - 1, -1, -1):
        linear_cache, z = caches[index]
        if z is not None:
            dout = np.where(z > 0, dout, LEAK * dout)
        dout, dW, db = linear_backward(dout, linear_cache)
        grads[index] = (dW, db)
    return grads, dout


def generator_forward(params: Params, z: Any) -> tuple[np.ndarray, list]:
    """Samples from noise.

    params: the generator. z: (N, latent_dim) noise, usually standard normal.

    Returns:
        x: (N, data_dim) the generated samples.
        cache: what :func:`generator_backward` needs (opaque).
    """
    return _mlp_forward(params, z)


def generator_backward(dx: Any, cache: list) -> list:
    """Gradients of a loss with respect to the generator's parameters.

    dx: (N, data_dim) the gradient of the loss with respect to the generated samples ``x``.
    cache: what :func:`generator_forward` returned.

    Returns: ``[(dW1, db1), ...]`` shaped like the generator's params.
    """
    grads, _ = _mlp_backward(dx, cache)
    return grads


def discriminator_forward(params: Params, x: Any) -> tuple[np.ndarray, list]:
    """The discriminator's logits.

    params: the discriminator. x: (N, data_dim) samples (real, generated, or both stacked).

    Returns:
        logits: (N,) one score per sample; ``sigmoid(logit)`` is D's probability that it is real.
        cache: what :func:`discriminator_backward` needs (opaque).
    """
    out, caches = _mlp_forward(params, x)
    return out[:, 0], caches


def discriminator_backward(dlogits: Any, cache: list) -> tuple[list, np.ndarray]:
    """Backward pass of :func:`discriminator_forward`.

    dlogits: (N,) the gradient of the loss with respect to the logits.
    cache: what :func:`discriminator_forward` returned.

    Returns:
        grads: ``[(dW1, db1), ...]`` shaped like the discriminator's params.
        dx: (N, data_dim) the gradient with respect to the input samples: how the loss changes
            when a sample moves. The generator learns through it.
    """
    dlogits = np.asarray(dlogits, dtype=np.float64).reshape(-1, 1)
    return _mlp_backward(dlogits, cache)


def sample_generator(params: Params, n: int, rng: Any = 0) -> np.ndarray:
    """``n`` samples ``(n, data_dim)`` from a generator.

    rng: a ``np.random.Generator`` (advanced in place) or an int seed. The noise is standard
    normal with as many columns as the generator's first layer has rows.
    """
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    latent_dim = np.shape(params[0][0])[0]
    x, _ = generator_forward(params, rng.standard_normal((int(n), latent_dim)))
    return x


def bimodal_1d(n: int = 1000, seed: int = 0, centers: Sequence[float] = (-1.5, 2.0), std: float = 0.35) -> np.ndarray:
    """1-D data for a first GAN: ``(n, 1)`` samples, half from each of two Gaussians."""
    rng = np.random.default_rng(seed)
    which = rng.permutation(np.arange(int(n)) % len(centers))
    return (np.asarray(centers, dtype=np.float64)[which] + std * rng.standard_normal(int(n)))[:, None]


# --------------------------------------------------------------------------- the losses


def log_sigmoid(x: Any) -> np.ndarray:
    """``log(sigmoid(x)) = -log(1 + exp(-x))`` without overflow: ``min(x, 0) - log1p(exp(-|x|))``."""
    x = np.asarray(x, dtype=np.float64)
    return np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def discriminator_loss(real_logits: Any, fake_logits: Any) -> tuple[float, np.ndarray, np.ndarray]:
    """``-mean(log sigmoid(real)) - mean(log(1 - sigmoid(fake)))`` and its gradients.

    Real samples are labelled 1, fake ones 0; each half is averaged over its own size.
    ``log(1 - sigmoid(f)) = log sigmoid(-f)``.

    Returns: ``(loss, d_real_logits, d_fake_logits)``: a float, then arrays shaped like the inputs:
    ``(sigmoid(real) - 1) / N_real`` and ``sigmoid(fake) / N_fake``.
    """
    real = np.asarray(real_logits, dtype=np.float64)
    fake = np.asarray(fake_logits, dtype=np.float64)
    loss = -float(np.mean(log_sigmoid(real))) - float(np.mean(log_sigmoid(-fake)))
    return loss, (_sigmoid(real) - 1.0) / real.size, _sigmoid(fake) / fake.size


def generator_loss(fake_logits: Any) -> tuple[float, np.ndarray]:
    """The non-saturating generator loss ``-mean(log sigmoid(fake))`` and its gradient
    ``(sigmoid(fake) - 1) / N`` (shaped like ``fake_logits``)."""
    fake = np.asarray(fake_logits, dtype=np.float64)
    return -float(np.mean(log_sigmoid(fake))), (_sigmoid(fake) - 1.0) / fake.size


def saturating_generator_loss(fake_logits: Any) -> tuple[float, np.ndarray]:
    """The original minimax generator loss ``mean(log(1 - sigmoid(fake)))`` and its gradient
    ``-sigmoid(fake) / N``: it saturates (its gradient vanishes) where D confidently rejects."""
    fake = np.asarray(fake_logits, dtype=np.float64)
    return float(np.mean(log_sigmoid(-fake))), -_sigmoid(fake) / fake.size


# --------------------------------------------------------------------------- training

LossD = Callable[[Any, Any], tuple]
LossG = Callable[[Any], tuple]


class GanTrainer:
    """A GAN being trained, one step at a time.

    One :meth:`step` is ``d_steps`` discriminator updates (each on a fresh batch of real samples
    and as many fresh fakes, the fakes treated as constants), then ``g_steps`` generator updates
    (each on a fresh batch of noise, D held fixed; the usual setting is 1), every update one Adam
    step with ``beta1 = ADAM_BETA1``.

    ``discriminator_loss`` and ``generator_loss`` may be replaced by yours (same signatures).
    ``history`` holds, per step, ``"d_loss"`` (the mean loss of the step's discriminator updates)
    and ``"g_loss"`` (the mean loss of its generator updates).
    """

    def __init__(
        self,
        data: Any,
        seed: int = 0,
        batch_size: int = 128,
        latent_dim: int = 2,
        hidden: Sequence[int] = (32, 32),
        lr_d: float = 2e-3,
        lr_g: float = 1e-3,
        d_steps: int = 1,
        g_steps: int = 1,
        discriminator_loss: LossD | None = None,
        generator_loss: LossG | None = None,
    ):
        self.data = np.array(data, dtype=np.float64)  # a copy
        if self.data.ndim == 1:
            self.data = self.data[:, None]
        self.batch_size = int(batch_size)
        self.latent_dim = int(latent_dim)
        self.lr_d, self.lr_g = float(lr_d), float(lr_g)
        self.d_steps, self.g_steps = int(d_steps), int(g_steps)
        self.d_loss_fn = discriminator_loss or globals()["discriminator_loss"]
        self.g_loss_fn = generator_loss or globals()["generator_loss"]
        data_dim = self.data.shape[1]
        self.G = init_generator(self.latent_dim, hidden, data_dim, seed=seed)
        self.D = init_discriminator(data_dim, hidden, seed=seed + 1)
        self.state_g: dict = {}
        self.state_d: dict = {}
        self.rng = np.random.default_rng(seed)
        self.history: dict = {"d_loss": [], "g_loss": []}
        self.steps_taken = 0

    def d_update(self) -> float:
        """One discriminator update; returns its loss."""
        real = self.data[self.rng.integers(0, len(self.data), self.batch_size)]
        fake, _ = generator_forward(self.G, self.rng.standard_normal((self.batch_size, self.latent_dim)))
        real_logits, real_cache = discriminator_forward(self.D, real)
        fake_logits, fake_cache = discriminator_forward(self.D, fake)
        loss, d_real, d_fake = self.d_loss_fn(real_logits, fake_logits)
        grads_real, _ = discriminator_backward(d_real, real_cache)
        grads_fake, _ = discriminator_backward(d_fake, fake_cache)
        grads = [(dW_r + dW_f, db_r + db_f) for (dW_r, db_r), (dW_f, db_f) in zip(grads_real, grads_fake)]
        self.D = adam_step(self.D, grads, self.state_d, lr=self.lr_d, beta1=ADAM_BETA1)
        return float(loss)

    def g_update(self) -> float:
        """One generator update through the (fixed) discriminator; returns its loss."""
        fake, g_cache = generator_forward(self.G, self.rng.standard_normal((self.batch_size, self.latent_dim)))
        logits, d_cache = discriminator_forward(self.D, fake)
        loss, d_fake = self.g_loss_fn(logits)
        _, dx = discriminator_backward(d_fake, d_cache)
        self.G = adam_step(self.G, generator_backward(dx, g_cache), self.state_g, lr=self.lr_g, beta1=ADAM_BETA1)
        return float(loss)

    def step(self, n: int = 1) -> None:
        """``n`` training steps (each: ``d_steps`` discriminator updates, one generator update)."""
        for _ in range(int(n)):
            d_losses = [self.d_update() for _ in range(self.d_steps)]
            self.history["d_loss"].append(float(np.mean(d_losses)))
            g_losses = [self.g_update() for _ in range(self.g_steps)]
            self.history["g_loss"].append(float(np.mean(g_losses)))
            self.steps_taken += 1

    def sample(self, n: int, rng: Any = 0) -> np.ndarray:
        return sample_generator(self.G, n, rng)

    def decision(self, x: Any) -> np.ndarray:
        """D's probability that each row of ``x`` is real, ``(N,)``."""
        logits, _ = discriminator_forward(self.D, x)
        return _sigmoid(logits)


def train_gan(data: Any, steps: int, seed: int = 0, batch_size: int = 128, latent_dim: int = 2,
              hidden: Sequence[int] = (32, 32), lr_d: float = 2e-3, lr_g: float = 1e-3, d_steps: int = 1) -> tuple[Params, dict]:
    """Train a GAN on ``data (M, data_dim)`` for ``steps`` steps (see :class:`GanTrainer`).

    Returns: ``(generator_params, history)`` with ``history["d_loss"]`` and ``history["g_loss"]``
    lists of ``steps`` floats.
    """
    trainer = GanTrainer(data, seed=seed, batch_size=batch_size, latent_dim=latent_dim, hidden=hidden,
                         lr_d=lr_d, lr_g=lr_g, d_steps=d_steps)
    trainer.step(steps)
    return trainer.G, trainer.history

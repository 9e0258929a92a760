"""Reference GAN in PyTorch (chapter 12): chapter 8's game again, with ``nn.Module``s and autograd.

The same contracts as chapter 12 (SYLLABUS):

* :class:`Generator`: noise ``z (N, latent_dim)`` -> images ``(N, 1, 8, 8)`` in [-1, 1] (a final
  ``tanh``);
* :class:`Discriminator`: images ``(N, 1, 8, 8)`` -> one logit per image, ``(N,)``;
* :func:`d_step`: one discriminator update on a batch of reals (already scaled to [-1, 1]) and as
  many detached fakes; :func:`g_step`: one generator update with the non-saturating loss. Both
  draw their noise with exactly one ``torch.randn(n, latent_dim, device=...)`` call and return
  the loss as a Python float.

And what the notebook, the widget and the benchmarks build on them:

* :func:`scale_images`: the digits ``(N, 8, 8)`` in [0, 1] as a float32 tensor ``(N, 1, 8, 8)``
  in [-1, 1], the range of the generator's ``tanh``;
* :func:`real_digits`: the digits split, scaled;
* :func:`make_optimizers`: Adam for both networks with the usual GAN ``betas=(0.5, 0.999)``;
* :class:`GanTrainer`: the alternating loop one step at a time (the widget drives it), with a
  fixed latent batch to draw samples from;
* :func:`train_gan`: ``steps`` steps of it; any ``d_step``/``g_step`` with the contract above can
  be plugged in (the notebook grades a student's this way);
* :func:`quality`: how convincing the samples are to chapter 10's classifier: the mean of its
  maximum class probability and how many digit classes it sees;
* :func:`digit_classifier`: that classifier (:func:`gradschool.reference.torch_cnn.trained_digit_classifier`).

The networks are small multi-layer perceptrons: on 8x8 images they learn as well as a small
convolutional DCGAN in far less CPU time (one step is a few milliseconds on one CPU thread).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from gradschool.data import load_digits
from gradschool.device import get_device as default_device  # CUDA, then Apple's MPS, then the CPU

__all__ = [
    "LATENT_DIM",
    "Generator",
    "Discriminator",
    "scale_images",
    "real_digits",
    "d_step",
    "g_step",
    "make_optimizers",
    "GanTrainer",
    "train_gan",
    "quality",
    "digit_classifier",
    "default_device",
]

LATENT_DIM = 32
"""Length of the noise vector ``z`` by default."""

BATCH_SIZE = 128
LEARNING_RATE = 2e-3
BETAS = (0.5, 0.999)
"""Adam's ``beta1 = 0.5``: a shorter memory than the default 0.9 copes better with a moving target."""


# --------------------------------------------------------------------------- the networks


class Generator(nn.Module):
    """``z (N, latent_dim)`` -> ``(N, 1, 8, 8)`` in [-1, 1].

    Linear(latent_dim, 128) -> BatchNorm -> ReLU -> Linear(128, 256) -> BatchNorm -> ReLU ->
    Linear(256, 64) -> tanh, reshaped to one 8x8 channel. Batch normalisation (as in DCGAN) keeps
    the hidden activations of a batch spread out, which makes the generator learn faster and
    makes "every sample the same" (mode collapse) less tempting. In training mode it needs N >= 2.
    """

    def __init__(self, latent_dim: int = LATENT_DIM):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(
            nn.Linear(latent_dim, 128), nn.BatchNorm1d(128), nn.ReLU(),
            nn.Linear(128, 256), nn.BatchNorm1d(256), nn.ReLU(),
            nn.Linear(256, 64), nn.Tanh(),
        )

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z).view(-1, 1, 8, 8)


class Discriminator(nn.Module):
    """``(N, 1, 8, 8)`` -> logits ``(N,)``: flatten -> 256 -> 128 -> 1, leaky ReLU (slope 0.2).

    No sigmoid at the end: the losses take logits (``binary_cross_entropy_with_logits`` is stable
    for any logit, a sigmoid followed by a log is not).
    """

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Flatten(),
            nn.Linear(64, 256), nn.LeakyReLU(0.2),
            nn.Linear(256, 128), nn.LeakyReLU(0.2),
            nn.Linear(128, 1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x).squeeze(1)  # (N, 1) -> (N,); squeeze() would turn N = 1 into a 0-d tensor


# --------------------------------------------------------------------------- data


def scale_images(images: Any) -> torch.Tensor:
    """Digits ``(N, 8, 8)`` in [0, 1] -> float32 tensor ``(N, 1, 8, 8)`` in [-1, 1] (``2 x - 1``).

    The input is not modified; the result is a new CPU tensor.
    """
    x = torch.as_tensor(np.asarray(images), dtype=torch.float32)
    return (2.0 * x - 1.0).reshape(-1, 1, 8, 8)


def real_digits(split: str = "train") -> torch.Tensor:
    """The digits of ``split`` scaled to [-1, 1]: float32 ``(N, 1, 8, 8)`` on the CPU."""
    images, _ = load_digits(split, images=True)
    return scale_images(images)


# --------------------------------------------------------------------------- the two steps


def _device_of(module: nn.Module) -> torch.device:
    return next(module.parameters()).device


def d_step(G: nn.Module, D: nn.Module, real: torch.Tensor, opt_d: torch.optim.Optimizer, latent_dim: int) -> float:
    """One discriminator update; returns the loss as a Python float.

    ``real (N, 1, 8, 8)`` is already in [-1, 1]. The fakes come from
    ``z = torch.randn(N, latent_dim, device=real.device)`` and are detached, so the loss's
    gradient stops at the fakes and never reaches G. Loss: mean BCE-with-logits of ``D(real)``
    against 1 plus mean BCE-with-logits of ``D(fake)`` against 0.
    """
    opt_d.zero_grad()
    z = torch.randn(real.shape[0], latent_dim, device=real.device)
    fake = G(z).detach()
    real_logits, fake_logits = D(real), D(fake)
    loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    loss.backward()
    opt_d.step()
    return loss.item()


def g_step(G: nn.Module, D: nn.Module, batch_size: int, opt_g: torch.optim.Optimizer, latent_dim: int) -> float:
    """One generator update with the non-saturating loss; returns the loss as a Python float.

    ``z = torch.randn(batch_size, latent_dim, device=<G's device>)``; loss = mean
    BCE-with-logits of ``D(G(z))`` against 1 (that is ``-mean(log sigmoid(D(G(z))))``). D is
    frozen during the step (no gradients computed for it) and unfrozen afterwards.
    """
    opt_g.zero_grad()
    z = torch.randn(batch_size, latent_dim, device=_device_of(G))
    frozen = [p for p in D.parameters() if p.requires_grad]
    for p in frozen:
        p.requires_grad_(False)
    try:
        logits = D(G(z))
        loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
        loss.backward()
    finally:
        for p in frozen:
            p.requires_grad_(True)
    opt_g.step()
    return loss.item()


def make_optimizers(G: nn.Module, D: nn.Module, lr: float = LEARNING_RATE,
                    betas: tuple[float, float] = BETAS) -> tuple[torch.optim.Optimizer, torch.optim.Optimizer]:
    """``(opt_g, opt_d)``: Adam for each network.

    On the CPU and on CUDA the *fused* implementation is used (one kernel for the whole update
    instead of a few per parameter: the same arithmetic, 15-20% faster steps for these small networks).
    """
    fused = all(p.device.type in ("cpu", "cuda") for p in list(G.parameters()) + list(D.parameters()))
    return (torch.optim.Adam(G.parameters(), lr=lr, betas=betas, fused=fused),
            torch.optim.Adam(D.parameters(), lr=lr, betas=betas, fused=fused))


# --------------------------------------------------------------------------- training


class GanTrainer:
    """The alternating GAN loop, one step at a time: a ``d_step`` on a batch of reals, then a ``g_step``.

    Args:
        make_generator, make_discriminator: ``() -> nn.Module`` (default: the reference classes),
            called after ``torch.manual_seed(seed)`` so that every :meth:`reset` starts alike.
        d_step, g_step: functions with the chapter's contracts (default: the reference ones).
        data: reals in [-1, 1], ``(M, 1, 8, 8)`` (default: :func:`real_digits`).
        device: where to compute (default: :func:`default_device`).
        batch_size, lr, latent_dim: the usual; Adam with ``betas=(0.5, 0.999)``.
        n_fixed: how many samples :meth:`samples` draws, always from the same latent batch, so
            that a grid of them shows the *same* noise vectors turning into digits.

    ``history`` holds ``"step"``, ``"d_loss"`` and ``"g_loss"``, one entry per step.
    """

    def __init__(self, make_generator: Callable[[], nn.Module] | None = None,
                 make_discriminator: Callable[[], nn.Module] | None = None,
                 d_step: Callable = d_step, g_step: Callable = g_step, data: torch.Tensor | None = None,
                 device: torch.device | str | None = None, batch_size: int = BATCH_SIZE, lr: float = LEARNING_RATE,
                 latent_dim: int = LATENT_DIM, seed: int = 0, n_fixed: int = 64):
        self.make_generator = make_generator or (lambda: Generator(latent_dim))
        self.make_discriminator = make_discriminator or Discriminator
        self.d_step, self.g_step = d_step, g_step
        self.device = torch.device(device) if device is not None else default_device()
        self.data = (data if data is not None else real_digits()).to(self.device)
        self.batch_size, self.lr, self.latent_dim = int(batch_size), float(lr), int(latent_dim)
        self.seed, self.n_fixed = int(seed), int(n_fixed)
        self.reset()

    def reset(self) -> None:
        """Fresh networks and optimisers (the same ones every time for a given seed), empty history."""
        torch.manual_seed(self.seed)
        self.G = self.make_generator().to(self.device)
        self.D = self.make_discriminator().to(self.device)
        self.opt_g, self.opt_d = make_optimizers(self.G, self.D, self.lr)
        self.G.train()
        self.D.train()
        # Batches and the fixed latent batch come from their own generators: they do not depend
        # on how many random numbers the steps draw.
        self._batches = torch.Generator().manual_seed(self.seed + 1)
        self.z_fixed = torch.randn(self.n_fixed, self.latent_dim, generator=torch.Generator().manual_seed(self.seed + 2))
        self.history: dict[str, list[float]] = {"step": [], "d_loss": [], "g_loss": []}

    @property
    def steps(self) -> int:
        return len(self.history["step"])

    def step(self) -> dict[str, float]:
        """One d_step and one g_step; returns ``{"d_loss": ..., "g_loss": ...}``."""
        index = torch.randint(0, len(self.data), (self.batch_size,), generator=self._batches).to(self.device)
        d_loss = float(self.d_step(self.G, self.D, self.data[index], self.opt_d, self.latent_dim))
        g_loss = float(self.g_step(self.G, self.D, self.batch_size, self.opt_g, self.latent_dim))
        self.history["step"].append(self.steps + 1)
        self.history["d_loss"].append(d_loss)
        self.history["g_loss"].append(g_loss)
        return {"d_loss": d_loss, "g_loss": g_loss}

    def run(self, steps: int) -> None:
        for _ in range(int(steps)):
            self.step()

    @torch.no_grad()
    def samples(self) -> np.ndarray:
        """The generator's images for the fixed latent batch, ``(n_fixed, 8, 8)`` in [-1, 1], eval mode."""
        was_training = self.G.training
        self.G.eval()
        try:
            images = self.G(self.z_fixed.to(self.device))
        finally:
            self.G.train(was_training)
        return images.reshape(-1, 8, 8).float().cpu().numpy()


def train_gan(steps: int = 3500, seed: int = 0, device: torch.device | str | None = None, **options: Any) -> tuple[nn.Module, dict]:
    """Train a GAN on the digits for ``steps`` steps; returns ``(G, history)``.

    ``options`` go to :class:`GanTrainer` (``d_step=``, ``g_step=``, ``make_generator=``,
    ``batch_size=``, ``lr=``...). The generator is returned in eval mode. With the defaults,
    3500 steps take 20 to 30 s on one CPU thread and chapter 10's classifier gives the samples a
    mean maximum probability above 0.9 (0.92 to 0.93 over seeds 0-3), spread over all ten digits;
    after 1000 steps it is about 0.85.
    """
    trainer = GanTrainer(device=device, seed=seed, **options)
    trainer.run(steps)
    return trainer.G.eval(), trainer.history


# --------------------------------------------------------------------------- quality


def digit_classifier() -> nn.Module:
    """Chapter 10's ConvNet, trained on the digits (>= 0.98 test accuracy), in eval mode, on the CPU."""
    from gradschool.reference.torch_cnn import trained_digit_classifier

    return trained_digit_classifier(seed=0)


@torch.no_grad()
def quality(G: nn.Module, classifier: nn.Module, n: int = 1000, seed: int = 0, latent_dim: int | None = None,
            min_share: float = 0.02) -> dict:
    """How convincing ``G``'s digits are to a digit classifier.

    Draws ``n`` samples (``z`` from a generator seeded with ``seed``, G in eval mode), maps them
    from [-1, 1] back to the classifier's [0, 1], and returns a dict:

    * ``"confidence"``: the mean over samples of the classifier's largest class probability
      (real test digits score about 0.97; noise, or a blur between two digits, scores low);
    * ``"classes"``: how many digit classes receive at least ``min_share`` of the samples
      (10 means every digit is drawn; 1 means mode collapse);
    * ``"counts"``: samples per predicted class, a list of 10 ints;
    * ``"images"`` ``(n, 8, 8)`` in [0, 1] and ``"labels"`` ``(n,)``: the samples and their predicted digits.

    ``latent_dim`` defaults to ``G.latent_dim`` when G has one, else 32. G's mode is restored.
    """
    device = _device_of(G)
    latent_dim = latent_dim or getattr(G, "latent_dim", LATENT_DIM)
    z = torch.randn(n, latent_dim, generator=torch.Generator().manual_seed(seed)).to(device)
    was_training = G.training
    G.eval()
    try:
        images = (G(z).float().reshape(n, 1, 8, 8) + 1) / 2
    finally:
        G.train(was_training)
    classifier = classifier.to(device).eval()
    probabilities = F.softmax(classifier(images.clamp(0, 1)), dim=1)
    confidence, labels = probabilities.max(dim=1)
    counts = np.bincount(labels.cpu().numpy(), minlength=10)
    return {
        "confidence": float(confidence.mean()),
        "classes": int((counts >= min_share * n).sum()),
        "counts": [int(c) for c in counts],
        "images": images.reshape(n, 8, 8).cpu().numpy(),
        "labels": labels.cpu().numpy(),
    }


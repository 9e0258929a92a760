"""Reference PyTorch CNN for the 8x8 digits (chapter ``10_torch_cnn``), and a trained one for later.

The same contracts as chapter 10 (SYLLABUS):

* :class:`ConvNet`: ``(N, 1, 8, 8)`` digits in, logits ``(N, num_classes)`` out;
* :func:`train_model`: Adam on cross-entropy, mixed precision only on CUDA, returns
  ``{"loss": [mean loss per sample of each epoch]}``.

And the helpers around them:

* :func:`default_device`: CUDA, then Apple's MPS, then the CPU;
* :func:`digit_tensors` and :func:`digit_loaders`: the digits split as float32 tensors and
  ``DataLoader``s (the training one shuffled by a seeded generator);
* :func:`evaluate`: accuracy of a model on a loader;
* :func:`trained_digit_classifier`: a :class:`ConvNet` trained on the digits to at least 98%
  test accuracy in a few seconds on the CPU, kept in memory; chapter 12 uses it to judge the
  digits its GAN draws;
* :func:`median_step_seconds`: how long one training step takes on a device, measured honestly
  (warm-up, ``synchronize``, median of repeats); the chapter and ``benchmarks/torch_throughput.py``
  use it.
"""

from __future__ import annotations

import copy
import math
import statistics
import time
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from gradschool.data import load_digits
from gradschool.device import get_device as default_device  # CUDA, then Apple's MPS, then the CPU

__all__ = [
    "default_device",
    "ConvNet",
    "digit_tensors",
    "digit_loaders",
    "train_model",
    "evaluate",
    "trained_digit_classifier",
    "median_step_seconds",
]


class ConvNet(nn.Module):
    """Two convolution blocks, then one linear layer.

    ``(N, 1, 8, 8)`` -> conv 3x3, 32 filters, pad 1 -> ReLU -> max pool 2 -> ``(N, 32, 4, 4)``
    -> conv 3x3, 64 filters, pad 1 -> ReLU -> max pool 2 -> ``(N, 64, 2, 2)`` -> flatten
    ``(N, 256)`` -> linear -> logits ``(N, num_classes)``. About 21,000 parameters.
    """

    def __init__(self, num_classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(64 * 2 * 2, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(torch.flatten(self.features(x), start_dim=1))


def digit_tensors(split: str = "train") -> tuple[torch.Tensor, torch.Tensor]:
    """The digits of ``split`` as ``(X float32 (N, 1, 8, 8) in [0, 1], y int64 (N,))``."""
    X, y = load_digits(split, images=True)
    return torch.tensor(X[:, None], dtype=torch.float32), torch.tensor(y, dtype=torch.int64)


def digit_loaders(batch_size: int = 32, seed: int = 0) -> tuple[DataLoader, DataLoader]:
    """``(train_loader, test_loader)`` over the digits split.

    The training loader reshuffles every epoch with a generator seeded by ``seed`` (the same
    batches on every run); the test loader keeps the file's order, in batches of 512.
    """
    train = TensorDataset(*digit_tensors("train"))
    test = TensorDataset(*digit_tensors("test"))
    generator = torch.Generator().manual_seed(seed)
    return (DataLoader(train, batch_size=batch_size, shuffle=True, generator=generator),
            DataLoader(test, batch_size=512))


def train_model(model: nn.Module, train_loader, epochs: int, lr: float, device, amp: bool = True) -> dict:
    """Train ``model`` with Adam at ``lr`` on cross-entropy for ``epochs`` passes over ``train_loader``.

    The model moves to ``device`` first; every batch follows it. Mixed precision (float16
    autocast with a gradient scaler) is used only when ``amp`` and ``device`` is CUDA.

    Returns ``{"loss": [...]}``: for each epoch the mean loss per sample (Python floats), each
    batch weighted by its size.
    """
    device = torch.device(device)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    use_amp = bool(amp) and device.type == "cuda"
    scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
    history = {"loss": []}
    for _ in range(epochs):
        model.train()
        total, count = 0.0, 0
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            with torch.autocast(device_type=device.type, dtype=torch.float16, enabled=use_amp):
                loss = F.cross_entropy(model(x), y)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            total += loss.item() * len(y)
            count += len(y)
        history["loss"].append(total / count)
    return history


def evaluate(model: nn.Module, loader, device=None) -> float:
    """Accuracy in [0, 1] of ``model`` on ``loader`` (eval mode, no gradients), as a Python float."""
    device = torch.device(device) if device is not None else next(model.parameters()).device
    model.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for x, y in loader:
            predictions = model(x.to(device)).argmax(dim=1)
            correct += int((predictions == y.to(device)).sum())
            count += len(y)
    return correct / count


# How trained_digit_classifier trains: Adam with a cosine learning-rate decay, which ends
# training at a small step size and makes the final accuracy steady from seed to seed.
_EPOCHS, _LR, _BATCH = 10, 3e-3, 32
_trained: dict[int, ConvNet] = {}


def _train_cosine(model: nn.Module, loader: DataLoader, epochs: int, lr: float) -> None:
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    total = epochs * len(loader)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 0.5 * (1 + math.cos(math.pi * step / total)))
    model.train()
    for _ in range(epochs):
        for x, y in loader:
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
            schedule.step()
    model.eval()


def trained_digit_classifier(seed: int = 0) -> ConvNet:
    """A :class:`ConvNet` trained on the digits' training split, on the CPU, in eval mode.

    The first call for a ``seed`` trains (a few seconds); later calls reuse the trained weights
    kept in memory. Each call returns a fresh copy, so moving it (``.to(device)``) or training it
    further does not change what the next caller gets. Its test accuracy is at least 0.98.
    """
    if seed not in _trained:
        state, threads = torch.random.get_rng_state(), torch.get_num_threads()
        try:
            # One thread: these tensors are tiny, and several threads only wait on each other
            # (badly so on a busy machine). The same weights come out on every machine.
            torch.set_num_threads(1)
            torch.manual_seed(seed)
            model = ConvNet()
            train_loader, _ = digit_loaders(batch_size=_BATCH, seed=seed)
            _train_cosine(model, train_loader, _EPOCHS, _LR)
        finally:
            torch.random.set_rng_state(state)  # the caller's random stream is left as it was
            torch.set_num_threads(threads)
        _trained[seed] = model
    return copy.deepcopy(_trained[seed]).eval()


def _synchronize(device: torch.device) -> None:
    """Wait until every queued operation on ``device`` has finished (CUDA and MPS run asynchronously)."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def median_step_seconds(step: Callable[[], object], device, warmup: int = 5, repeats: int = 5, steps: int = 10) -> float:
    """Seconds one call of ``step()`` takes on ``device``: the median over ``repeats`` timings.

    ``warmup`` calls come first (CUDA initialisation, cuDNN picking its algorithms, the memory
    allocator growing). Each timing runs ``steps`` calls between two synchronisations of the
    device, so that it measures the work done, not how fast Python queues it.
    """
    device = torch.device(device)
    for _ in range(warmup):
        step()
    times = []
    for _ in range(repeats):
        _synchronize(device)
        started = time.perf_counter()
        for _ in range(steps):
            step()
        _synchronize(device)
        times.append((time.perf_counter() - started) / steps)
    return statistics.median(times)

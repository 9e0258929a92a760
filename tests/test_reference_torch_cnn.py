"""The reference PyTorch CNN of chapter 10: shapes, train_model's contract, and the trained classifier."""

from __future__ import annotations

import copy
import math

import pytest

torch = pytest.importorskip("torch")
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402

from gradschool.reference import conv as part1  # noqa: E402
from gradschool.reference import torch_cnn as ref  # noqa: E402


pytestmark = pytest.mark.usefixtures("one_thread")  # tests/conftest.py


def test_default_device_is_a_device():
    device = ref.default_device()
    assert isinstance(device, torch.device)
    assert device.type == ("cuda" if torch.cuda.is_available() else device.type)


@pytest.mark.parametrize("classes", [5, 10])
@pytest.mark.parametrize("n", [1, 7])
def test_convnet_shapes(classes, n):
    out = ref.ConvNet(num_classes=classes)(torch.rand(n, 1, 8, 8))
    assert out.shape == (n, classes) and out.dtype == torch.float32


def test_digit_loaders():
    train, test = ref.digit_loaders(batch_size=32, seed=0)
    x, y = next(iter(train))
    assert x.shape == (32, 1, 8, 8) and x.dtype == torch.float32 and y.dtype == torch.int64
    assert len(train.dataset) == 1437 and len(test.dataset) == 360
    assert 0.0 <= float(x.min()) and float(x.max()) <= 1.0
    again, _ = ref.digit_loaders(batch_size=32, seed=0)
    assert torch.equal(next(iter(again))[1], y), "the same seed gives the same shuffled batches"


def test_part1_layers_agree_with_torch():
    gen = torch.Generator().manual_seed(0)
    x = torch.rand(2, 3, 8, 8, generator=gen, dtype=torch.float64)
    w = torch.rand(4, 3, 3, 3, generator=gen, dtype=torch.float64)
    b = torch.rand(4, generator=gen, dtype=torch.float64)
    ours, _ = part1.conv2d_forward(x.numpy(), w.numpy(), b.numpy(), stride=1, pad=1)
    assert abs(ours - F.conv2d(x, w, b, padding=1).numpy()).max() < 1e-6
    pooled, _ = part1.maxpool2d_forward(x.numpy(), 2, 2)
    assert abs(pooled - F.max_pool2d(x, 2, 2).numpy()).max() < 1e-6


def _loader(n=50, batch_size=16, seed=0):
    gen = torch.Generator().manual_seed(seed)
    return DataLoader(TensorDataset(torch.rand(n, 1, 8, 8, generator=gen), torch.randint(0, 10, (n,), generator=gen)),
                      batch_size=batch_size)


def test_train_model_history_is_the_per_sample_mean():
    loader = _loader()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))
    start = copy.deepcopy(model.state_dict())
    history = ref.train_model(model, loader, epochs=3, lr=0.01, device="cpu")
    assert list(history) == ["loss"] and len(history["loss"]) == 3
    assert all(type(v) is float for v in history["loss"])

    replay = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))
    replay.load_state_dict(start)
    optimizer = torch.optim.Adam(replay.parameters(), lr=0.01)
    for epoch in range(3):
        total = 0.0
        for x, y in loader:
            optimizer.zero_grad()
            summed = F.cross_entropy(replay(x), y, reduction="sum")
            (summed / len(y)).backward()
            optimizer.step()
            total += summed.item()
        assert history["loss"][epoch] == pytest.approx(total / 50, rel=1e-5)
    for p, q in zip(model.parameters(), replay.parameters()):
        assert torch.allclose(p, q, rtol=1e-4, atol=1e-6)


def test_train_model_never_autocasts_on_the_cpu():
    seen = []

    class Spy(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(64, 10)

        def forward(self, x):
            seen.append(torch.is_autocast_enabled("cpu"))
            return self.fc(x.flatten(1))

    for amp in (True, False):
        ref.train_model(Spy(), _loader(n=20, batch_size=8), epochs=1, lr=1e-3, device=torch.device("cpu"), amp=amp)
    assert seen and not any(seen)


def test_median_step_seconds_counts_calls():
    calls = []
    seconds = ref.median_step_seconds(lambda: calls.append(1), "cpu", warmup=2, repeats=3, steps=4)
    assert len(calls) == 2 + 3 * 4 and seconds >= 0.0 and math.isfinite(seconds)


def test_trained_digit_classifier_reaches_98_percent_and_is_cached():
    state = torch.random.get_rng_state()
    model = ref.trained_digit_classifier(seed=0)
    assert torch.equal(torch.random.get_rng_state(), state), "training must leave the caller's random stream alone"
    assert not model.training and next(model.parameters()).device.type == "cpu"
    _, test = ref.digit_loaders()
    accuracy = ref.evaluate(model, test, "cpu")
    assert accuracy >= 0.98, accuracy

    model.classifier.weight.data.zero_()  # a caller's changes never reach the cache
    again = ref.trained_digit_classifier(seed=0)
    assert ref.evaluate(again, test, "cpu") == accuracy
    assert again is not model

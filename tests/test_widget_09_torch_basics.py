"""Chapter 9: the device helpers, the live training monitor, and the epoch trainer behind it."""

from __future__ import annotations

import base64
import math
import threading
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402

from gradschool.device import describe_device, get_device  # noqa: E402
from gradschool.widgets.training import (  # noqa: E402
    EpochTrainer,
    TrainingMonitor,
    mean_loss,
    reference_evaluate,
    reference_train_epoch,
    training_figure,
)
from playing import check_play_pause_play  # noqa: E402
from tests.pictures import pixels as _pixels  # noqa: E402


# --------------------------------------------------------------------------- gradschool.device


@pytest.mark.parametrize(
    "cuda, mps, expected",
    [(True, True, "cuda"), (True, False, "cuda"), (False, True, "mps"), (False, False, "cpu")],
)
def test_get_device_prefers_cuda_then_mps_then_cpu(monkeypatch, cuda, mps, expected):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)
    device = get_device()
    assert isinstance(device, torch.device) and str(device) == expected


def test_get_device_on_this_machine_is_usable():
    device = get_device()
    assert torch.ones(2, device=device).sum().item() == 2.0


def test_describe_device():
    assert describe_device("cpu").startswith("cpu: ")
    assert "thread" in describe_device(torch.device("cpu"))
    text = describe_device()
    assert text.split(":")[0] in ("cpu", "mps") or text.startswith("cuda:")


# --------------------------------------------------------------------------- the reference loop


def _tiny_problem(n=10, batch_size=4, seed=0):
    generator = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 3, generator=generator, dtype=torch.float64)
    y = torch.randint(0, 2, (n,), generator=generator)
    return DataLoader(TensorDataset(X, y), batch_size=batch_size), X, y


def test_reference_train_epoch_weights_batches_by_size():
    loader, X, y = _tiny_problem()
    model = nn.Linear(3, 2, dtype=torch.float64)
    copy = nn.Linear(3, 2, dtype=torch.float64)
    copy.load_state_dict(model.state_dict())
    result = reference_train_epoch(model, loader, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.1), "cpu")
    # The same epoch by hand: batches of 4, 4 and 2, losses weighted by size.
    optimizer = torch.optim.SGD(copy.parameters(), lr=0.1)
    losses = []
    for start, stop in ((0, 4), (4, 8), (8, 10)):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(copy(X[start:stop]), y[start:stop])
        loss.backward()
        optimizer.step()
        losses.append(loss.item() * (stop - start))
    assert isinstance(result, float) and result == pytest.approx(sum(losses) / 10, rel=1e-12)
    assert torch.allclose(model.weight, copy.weight)


def test_reference_evaluate_any_iterable_and_modes():
    loader, X, y = _tiny_problem(n=9, batch_size=4)
    model = nn.Sequential(nn.Dropout(0.5), nn.Linear(3, 2, dtype=torch.float64))
    model.train()
    accuracy = reference_evaluate(model, list(loader), "cpu")
    expected = (model[1](X).argmax(1) == y).double().mean().item()
    assert isinstance(accuracy, float) and accuracy == pytest.approx(expected)
    assert not model.training
    assert mean_loss(model, loader, nn.CrossEntropyLoss(), "cpu") == pytest.approx(
        nn.functional.cross_entropy(model[1](X), y).item(), rel=1e-12)


# --------------------------------------------------------------------------- the static figure


def _history(steps=5, accuracy=True):
    history = {"step": list(range(1, steps + 1)), "train loss": [1.0 / s for s in range(1, steps + 1)],
               "test loss": [1.2 / s for s in range(1, steps + 1)]}
    if accuracy:
        history["test accuracy"] = [1 - 0.5 / s for s in range(1, steps + 1)]
    return history


def test_training_figure_is_a_figure_with_one_or_two_panels():
    figure = training_figure(_history(), title="demo")
    assert isinstance(figure, Figure) and len(figure.axes) == 2
    assert figure.axes[0].get_title() == "demo"
    assert "test accuracy 0.900" in figure.axes[1].get_title()
    assert len(training_figure(_history(accuracy=False)).axes) == 1


def test_training_figure_copes_with_empty_and_nan_histories():
    assert isinstance(training_figure({"step": []}), Figure)
    history = _history(3)
    history["train loss"][1] = math.nan
    history["test accuracy"] = [math.nan] * 3
    assert isinstance(training_figure(history), Figure)


# --------------------------------------------------------------------------- the monitor


class Counter:
    """A fake training run: each step returns a loss that falls and an accuracy that rises."""

    def __init__(self, delay=0.0):
        self.calls, self.resets, self.delay = 0, 0, delay

    def step(self):
        if self.delay:
            time.sleep(self.delay)
        self.calls += 1
        return {"train loss": 1.0 / self.calls, "test accuracy": 1.0 - 0.5 / self.calls}

    def reset(self):
        self.resets += 1
        self.calls = 0


def png(widget: TrainingMonitor) -> bytes:
    return bytes(widget.image.value)


def test_step_records_metrics_and_redraws():
    run = Counter()
    widget = TrainingMonitor(run.step, run.reset, max_steps=50)
    first, draws = png(widget), widget.redraw_count
    assert first.startswith(b"\x89PNG") and widget.steps == 0 and "press Play" in widget.status.value
    widget.step(3)
    assert widget.steps == 3 and run.calls == 3 and widget.redraw_count == draws + 1
    assert widget.history["step"] == [1, 2, 3]
    assert widget.history["train loss"] == pytest.approx([1.0, 0.5, 1 / 3])
    assert png(widget) != first and "epoch 3" in widget.status.value


def test_step_and_reset_buttons():
    run = Counter()
    widget = TrainingMonitor(run.step, run.reset, redraw_every=2)
    before = png(widget)
    widget.step_button.click()
    assert widget.steps == 2 and png(widget) != before
    widget.step_button.click()
    assert widget.steps == 4
    after_steps = png(widget)
    widget.reset_button.click()
    assert widget.steps == 0 and run.resets == 1 and widget.history == {"step": []}
    assert png(widget) != after_steps


def test_metrics_that_come_and_go_are_padded_with_nan():
    values = iter([{"loss": 1.0}, {"loss": 0.5, "accuracy": 0.7}, {"accuracy": 0.8}])
    widget = TrainingMonitor(lambda: next(values))
    widget.step(3)
    assert widget.history["loss"][:2] == [1.0, 0.5] and math.isnan(widget.history["loss"][2])
    assert math.isnan(widget.history["accuracy"][0]) and widget.history["accuracy"][1:] == [0.7, 0.8]


def test_an_error_in_step_fn_is_shown_and_raised():
    def broken():
        raise ValueError("no data")

    widget = TrainingMonitor(broken)
    with pytest.raises(ValueError):
        widget.step()
    assert "ValueError: no data" in widget.status.value
    widget.step_button.click()  # a button callback does not raise; the status says why
    assert "no data" in widget.status.value


def test_play_and_pause():
    run = Counter(delay=0.002)
    check_play_pause_play(TrainingMonitor(run.step, run.reset, max_steps=10_000), min_steps=3)


def test_pause_stops_the_thread_within_300_ms_between_steps():
    """With no redraw due, the loop only runs step_fn: Pause must end the thread within 300 ms."""
    run = Counter(delay=0.01)
    widget = TrainingMonitor(run.step, run.reset, redraw_every=1_000_000, max_steps=1_000_000)
    widget.play.value = True
    deadline = time.monotonic() + 30
    while widget.steps < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    thread = widget._thread
    start = time.monotonic()
    widget.pause()
    assert time.monotonic() - start < 0.3
    assert not thread.is_alive(), "the training thread outlived Pause"
    assert not any(t is thread for t in threading.enumerate())


def test_reset_stops_play_and_play_for():
    run = Counter(delay=0.002)
    widget = TrainingMonitor(run.step, run.reset, max_steps=10_000)
    widget.play.value = True
    time.sleep(0.3)
    widget.reset_button.click()
    if widget._thread is not None:
        widget._thread.join(10)
    assert not widget.play.value and widget.steps == 0 and run.resets == 1
    time.sleep(0.2)
    assert widget.steps == 0
    widget.play_for(0.5)
    widget._thread.join(10)
    assert widget.steps > 0 and not widget.play.value and not widget.playing


def test_play_stops_by_itself_at_max_steps_on_nan_and_on_errors():
    run = Counter()
    widget = TrainingMonitor(run.step, max_steps=4)
    widget.play.value = True
    widget._thread.join(30)
    assert widget.steps == 4 and not widget.play.value

    losses = iter([1.0, 0.5, float("nan"), 0.1, 0.1, 0.1])
    widget = TrainingMonitor(lambda: {"loss": next(losses)}, max_steps=100)
    widget.play.value = True
    widget._thread.join(30)
    assert widget.steps == 3 and not widget.play.value and "not finite" in widget.status.value

    calls = []

    def fails_on_third():
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("out of memory")
        return {"loss": 1.0}

    widget = TrainingMonitor(fails_on_third, max_steps=100)
    widget.play.value = True
    widget._thread.join(30)
    assert widget.steps == 2 and not widget.play.value and "out of memory" in widget.status.value


def test_display_carries_png():
    widget = TrainingMonitor(Counter().step)
    bundle = widget._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == png(widget)


# --------------------------------------------------------------------------- one kept figure (LivePicture)


def _assert_is_training_figure(widget: TrainingMonitor, what: str) -> None:
    """The widget's picture is training_figure's for the same history, drawn whole."""
    from gradschool.widgets.base import figure_png

    want = _pixels(figure_png(training_figure(widget.history, widget.title, widget.step_label, widget.max_steps)))
    got = _pixels(png(widget))
    assert got.shape == want.shape
    differ = np.abs(got - want).max(axis=2) > 2
    assert differ.mean() < 1e-3, f"{what}: {differ.sum()} pixels differ from training_figure"


@pytest.mark.parametrize("title", ["", "a given title"])
def test_steps_redraw_only_the_curves_and_match_training_figure(title):
    run = Counter()
    widget = TrainingMonitor(run.step, run.reset, max_steps=40, title=title)
    widget.step(2)
    live = widget._live
    draws = live.full_draws
    for _ in range(6):
        widget.step_button.click()
        _assert_is_training_figure(widget, f"step {widget.steps}")
    assert widget._live is live and live.full_draws == draws, "a step within the axes' limits redrew the whole figure"


def test_a_legend_that_moves_away_from_the_curves_is_redrawn_over_them():
    """loc="best": once the accuracy reaches the top right, its legend goes elsewhere."""
    accuracies = iter([0.1, 0.1] + [0.95] * 20)
    widget = TrainingMonitor(lambda: {"loss": 1.0, "train accuracy": next(accuracies), "test accuracy": 0.1},
                             max_steps=10)
    widget.step(2)
    draws = widget._live.full_draws
    for _ in range(8):
        widget.step()
        _assert_is_training_figure(widget, f"step {widget.steps}")
    assert widget._live.full_draws == draws


def test_a_higher_loss_new_metric_reset_and_many_steps_still_match_training_figure():
    losses = iter([1.0, 0.8, 0.6, 3.0, 0.5] + [0.4] * 40)
    extra = {}
    widget = TrainingMonitor(lambda: {"loss": next(losses), "accuracy": 0.5, **extra}, max_steps=20)
    widget.step(3)
    draws = widget._live.full_draws
    widget.step()  # loss 3.0: the loss axis grows
    assert widget._live.full_draws == draws + 1
    _assert_is_training_figure(widget, "after a higher loss")
    extra["test loss"] = 0.7  # a metric that appears late: another legend
    widget.step()
    _assert_is_training_figure(widget, "after a new metric")
    widget.step(30)  # past 30 steps the markers go; past max_steps the time axis grows
    _assert_is_training_figure(widget, "after 35 steps")
    widget.reset()
    _assert_is_training_figure(widget, "after Reset")


def test_a_retired_monitor_lets_go_of_its_figure():
    widget = TrainingMonitor(Counter().step)
    widget.step(2)
    widget.retire()
    from gradschool.widgets.rerun import Released

    assert isinstance(widget._live, Released) and isinstance(widget._curves, Released)


# --------------------------------------------------------------------------- the epoch trainer


def _digits_like(n=48, seed=0):
    generator = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 6, generator=generator)
    y = (X[:, 0] > 0).long() + (X[:, 1] > 0).long()  # three classes a small network can learn
    return DataLoader(TensorDataset(X, y), batch_size=16), DataLoader(TensorDataset(X[:24], y[:24]), batch_size=10)


def _build():
    net = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 3))
    return net, torch.optim.SGD(net.parameters(), lr=0.3, momentum=0.9)


def test_epoch_trainer_steps_and_resets_to_the_same_start():
    train_loader, test_loader = _digits_like()
    trainer = EpochTrainer(_build, train_loader, test_loader, "cpu", seed=3)
    first = [trainer.step() for _ in range(6)]
    assert set(first[0]) == {"train loss", "test loss", "train accuracy", "test accuracy"}
    assert all(isinstance(v, float) for v in first[0].values())
    assert first[-1]["train loss"] < first[0]["train loss"] and first[-1]["train accuracy"] > 0.7
    trainer.reset()
    assert trainer.epochs == 0
    again = trainer.step()
    assert again == pytest.approx(first[0])


def test_epoch_trainer_uses_the_functions_it_is_given():
    calls = {"train": 0, "evaluate": 0}

    def my_train_epoch(*args):
        calls["train"] += 1
        return reference_train_epoch(*args)

    def my_evaluate(*args):
        calls["evaluate"] += 1
        return reference_evaluate(*args)

    train_loader, test_loader = _digits_like()
    trainer = EpochTrainer(_build, train_loader, test_loader, torch.device("cpu"), train_epoch=my_train_epoch,
                           evaluate=my_evaluate)
    widget = TrainingMonitor(trainer.step, trainer.reset, redraw_every=2)
    widget.step_button.click()
    assert calls == {"train": 2, "evaluate": 4} and widget.steps == 2
    widget.reset_button.click()
    assert trainer.epochs == 0 and widget.steps == 0


# --------------------------------------------------------------------------- no leaks


def test_no_pyplot_figures_leak():
    plt.close("all")
    run = Counter()
    widget = TrainingMonitor(run.step, run.reset)
    for _ in range(3):
        widget.step(2)
    widget.reset()
    for _ in range(3):
        training_figure(_history())
    assert plt.get_fignums() == []

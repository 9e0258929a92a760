"""Part II picture: live training curves, loss on the left, accuracy on the right.

* :func:`training_figure`: a static Figure of a training history (a dict of lists), for reports
  and for after-the-fact plots.
* :class:`TrainingMonitor`: the live widget. It drives any ``step_fn`` (one call = one step:
  an epoch, or a few mini-batches) that returns a dict of numbers such as
  ``{"train loss": 0.41, "test accuracy": 0.93}``, records them, and redraws the curves every
  ``redraw_every`` steps. ``Play`` runs steps in a background thread (the notebook stays free;
  ``Pause`` stops it within a fraction of a second), ``Step`` takes ``redraw_every`` steps,
  ``Reset`` calls ``reset_fn`` (a fresh model) and clears the curves. Scripts and tests call
  :meth:`~TrainingMonitor.step`, :meth:`~TrainingMonitor.reset`, :meth:`~TrainingMonitor.play_for`
  and :meth:`~TrainingMonitor.pause`.
* :class:`EpochTrainer`: the usual ``step_fn``/``reset_fn`` pair for a classifier: each step is
  one epoch of ``train_epoch``, then ``evaluate`` on the training and test loaders. Pass the
  chapter's own ``train_epoch`` and ``evaluate`` (the defaults are the reference versions
  :func:`reference_train_epoch` and :func:`reference_evaluate`).

A metric whose name contains ``"acc"`` is drawn on the accuracy panel, every other one on the
loss panel. ``step_fn`` should be short (well under a second): Pause waits for the step in
progress. No pyplot figure is ever opened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import ipywidgets as widgets
import numpy as np
import torch
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from gradschool.widgets.base import SteppedPlayLoop, new_figure
from gradschool.widgets.live import LivePicture

__all__ = [
    "training_figure",
    "TrainingMonitor",
    "EpochTrainer",
    "reference_train_epoch",
    "reference_evaluate",
    "mean_loss",
]

History = dict[str, list[float]]
COLORS = ("tab:blue", "tab:red", "tab:green", "tab:orange", "tab:purple", "tab:brown")


def _is_accuracy(name: str) -> bool:
    return "acc" in name.lower()


@dataclass
class _Curves:
    """A figure of :func:`training_figure`'s panels for one set of metrics (:func:`_build`), and
    the artists that change from step to step (:func:`_show`): one line per metric, the legends
    (``"best"`` places them away from the curves) and the titles."""

    figure: Figure
    panels: list[Axes]  # [loss] or [loss, accuracy]
    lines: dict[str, Line2D]
    shape: tuple  # _shape(history) when built: what _show cannot change

    def moving(self, fixed_title: bool = False) -> list[Artist]:
        """What :func:`_show` changes, for :meth:`LivePicture.moving`; the loss panel's title only
        when it counts the steps (``fixed_title`` False: no title was given)."""
        legends = [ax.get_legend() for ax in self.panels if ax.get_legend() is not None]
        titles = [ax.title for ax in self.panels[1 if fixed_title else 0:]]
        return [*self.lines.values(), *legends, *titles]

    def limits(self) -> list[tuple]:
        return [(ax.get_xlim(), ax.get_ylim()) for ax in self.panels]


def _split(history: History) -> tuple[list[str], list[str]]:
    """The metric names of ``history``: (losses, accuracies)."""
    metrics = [name for name in history if name != "step"]
    return [n for n in metrics if not _is_accuracy(n)], [n for n in metrics if _is_accuracy(n)]


def _shape(history: History) -> tuple:
    """What a picture's structure depends on: the metrics, and markers on the curves (up to 30 steps)."""
    return (*map(tuple, _split(history)), len(history.get("step", [])) <= 30)


def _build(history: History, step_label: str, figure: Figure | None = None) -> _Curves:
    """The panels, axis labels, grids, one curve per metric of ``history`` (with its data, so that a
    fresh figure autoscales as it always did) and the legends; :func:`_show` does the rest."""
    figure = figure if figure is not None else new_figure(9.0, 3.4)
    figure.set_layout_engine("none")  # fixed margins: one layout pass, so that redrawing during Play stays cheap
    steps = np.asarray(history.get("step", []), dtype=float)
    losses, accuracies = _split(history)
    panels = figure.subplots(1, 2 if accuracies else 1, squeeze=False,
                             gridspec_kw={"left": 0.08, "right": 0.98, "bottom": 0.14, "top": 0.91, "wspace": 0.22})[0]
    lines = {}
    for ax, names, ylabel in zip(panels, (losses, accuracies), ("loss", "accuracy")):
        for index, name in enumerate(names):
            style = "--" if name.lower().startswith(("test", "val")) else "-"
            marker = "o" if len(steps) <= 30 else None
            lines[name] = ax.plot(steps, np.asarray(history[name], dtype=float), style, marker=marker, markersize=3,
                                  color=COLORS[index % len(COLORS)], label=name)[0]
        ax.set_xlabel(step_label)
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        if names:
            ax.legend(fontsize=8, loc="best")
        ax.set_title("", fontsize=9)  # written by _show
    return _Curves(figure, list(panels), lines, _shape(history))


def _show(curves: _Curves, history: History, title: str, step_label: str, max_steps: int | None) -> None:
    """Put ``history`` (of the metrics ``curves`` was built for) on ``curves``: data, limits, titles."""
    steps = np.asarray(history.get("step", []), dtype=float)
    for name, line in curves.lines.items():
        line.set_data(steps, np.asarray(history[name], dtype=float))
    losses, accuracies = _split(history)
    for ax in curves.panels:  # the limits a fresh figure's autoscaling gives (none without curves), then ours
        if ax.lines:
            ax.set_autoscale_on(True)
            ax.relim()
            ax.autoscale_view()
        if max_steps:
            ax.set_xlim(0, max(max_steps, int(steps.max()) if steps.size else 1))
    if losses:
        finite = np.concatenate([np.asarray(history[n], dtype=float) for n in losses])
        finite = finite[np.isfinite(finite)]
        if finite.size:
            curves.panels[0].set_ylim(0, max(1e-3, float(np.max(finite))) * 1.08)
    if accuracies:
        values = np.concatenate([np.asarray(history[n], dtype=float) for n in accuracies])
        finite = values[np.isfinite(values)]
        bottom = max(0.0, math.floor(10 * float(finite.min())) / 10 - 0.05) if finite.size else 0.0
        curves.panels[1].set_ylim(bottom, 1.01)
        best = {n: float(np.nanmax(np.asarray(history[n], dtype=float))) for n in accuracies
                if np.isfinite(np.asarray(history[n], dtype=float)).any()}
        curves.panels[1].title.set_text("best: " + ", ".join(f"{n} {v:.3f}" for n, v in best.items()) if best else "")
    last = len(steps)
    curves.panels[0].title.set_text(title or f"{last} {step_label}{'s' if last != 1 else ''}")


def training_figure(history: History, title: str = "", step_label: str = "epoch", max_steps: int | None = None,
                    figure: Figure | None = None) -> Figure:
    """Loss curves (left) and accuracy curves (right) of ``history``.

    ``history`` maps ``"step"`` to the step numbers and every metric name to one value per step
    (NaN where a metric was not measured). Without any accuracy metric the figure has one panel.
    """
    curves = _build(history, step_label, figure)
    _show(curves, history, title, step_label, max_steps)
    return curves.figure


class TrainingMonitor(SteppedPlayLoop, widgets.VBox):
    """Live training curves driven by ``step_fn() -> {metric name: number}``.

    ``reset_fn()`` (optional) starts training afresh (a new model and optimiser); Reset calls it.
    While playing, a picture follows every ``redraw_every`` steps, at most one per ``interval``
    seconds (0.05: 20 a second, the eye sees no more and a fast ``step_fn`` leaves the browser its
    share of the CPU). Play stops by itself after ``max_steps`` steps, when a metric is NaN or infinite, or when
    ``step_fn`` raises (the status line then says why).
    """

    _what_failed = "step_fn"
    _held = ("_live", "_curves")  # a retired monitor lets go of its figure

    def __init__(
        self,
        step_fn: Callable[[], dict[str, float]],
        reset_fn: Callable[[], Any] | None = None,
        redraw_every: int = 1,
        max_steps: int = 100,
        interval: float = 0.05,
        title: str = "",
        step_label: str = "epoch",
    ):
        self.step_fn, self.reset_fn = step_fn, reset_fn
        self.redraw_every = max(1, int(redraw_every))
        self.max_steps = int(max_steps)
        self.interval = float(interval)
        self.title, self.step_label = title, step_label
        self.history: History = {"step": []}
        self.problem = ""  # why Play stopped by itself (an error, NaN); "" while all is well
        self.redraw_count = 0
        # One figure while the metrics stay the same: a step redraws only the curves, legends and
        # titles over the axes, grids and labels drawn once (LivePicture).
        self._curves: _Curves | None = None
        self._live: LivePicture | None = None
        controls = self._play_step_reset(self.redraw_every, f"take {self.redraw_every} {step_label}(s)", "start training afresh")
        super().__init__([controls, self.image])
        self.redraw()

    # ---- state
    @property
    def steps(self) -> int:
        return len(self.history["step"])

    def _record(self, metrics: dict[str, float]) -> None:
        step = self.steps + 1
        for name, value in metrics.items():
            if name not in self.history:
                self.history[name] = [math.nan] * (step - 1)  # a metric that appears late
            self.history[name].append(float(value))
        for name, values in self.history.items():
            if name != "step" and len(values) < step:
                values.append(math.nan)  # a metric this step did not report
        self.history["step"].append(step)
        bad = [name for name, value in metrics.items() if not math.isfinite(float(value))]
        if bad:
            self.problem = f"{', '.join(bad)} is not finite (diverged?)"

    def _take_step(self) -> None:
        metrics = self.step_fn()
        if not isinstance(metrics, dict):
            raise TypeError(f"step_fn must return a dict of numbers, got {type(metrics).__name__}")
        self._record(metrics)

    def reset(self) -> None:
        """Stop playing, call ``reset_fn`` and clear the curves."""
        self.pause()
        with self._lock:
            if self.reset_fn is not None:
                self.reset_fn()
            self.history = {"step": []}
            self.problem = ""
            self.redraw()

    def redraw(self) -> None:
        with self._lock:
            curves = self._curves
            if curves is None or curves.shape != _shape(self.history):
                # A new metric, Reset, or the markers going at step 31: a new figure, drawn whole.
                curves = self._curves = _build(self.history, self.step_label)
                self._live = LivePicture(curves.figure)
                self._live.moving(*curves.moving(fixed_title=bool(self.title)))
                _show(curves, self.history, self.title, self.step_label, self.max_steps)
            else:
                before = curves.limits()
                _show(curves, self.history, self.title, self.step_label, self.max_steps)
                if curves.limits() != before:
                    self._live.invalidate()  # a higher loss, or past max_steps: the axes are drawn again
            self.image.value = self._live.png()
            self.redraw_count += 1
            self.status.value = self._status_text()

    def _status_text(self) -> str:
        if self.problem:
            return f"{self.step_label} {self.steps}: {self.problem}"
        if not self.steps:
            return f"{self.step_label} 0: press Play or Step"
        last = ", ".join(f"{name} {values[-1]:.4g}" for name, values in self.history.items() if name != "step")
        return f"{self.step_label} {self.steps}: {last}"


# --------------------------------------------------------------------------- a classifier's epochs


def reference_train_epoch(model: torch.nn.Module, loader: Iterable, loss_fn: Callable, optimizer: torch.optim.Optimizer,
                          device: torch.device) -> float:
    """One epoch of mini-batch training; the mean loss per sample (chapter 09's ``train_epoch``)."""
    model.train()
    total, count = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(x)
        count += len(x)
    return total / count


@torch.no_grad()
def reference_evaluate(model: torch.nn.Module, loader: Iterable, device: torch.device) -> float:
    """Accuracy in [0, 1] over every batch of ``loader`` (chapter 09's ``evaluate``)."""
    model.eval()
    correct, count = 0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        correct += int((model(x).argmax(dim=1) == y).sum())
        count += len(y)
    return correct / count


@torch.no_grad()
def mean_loss(model: torch.nn.Module, loader: Iterable, loss_fn: Callable, device: torch.device) -> float:
    """The mean loss per sample over ``loader``, in eval mode, without building a graph."""
    model.eval()
    total, count = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        total += float(loss_fn(model(x), y)) * len(x)
        count += len(x)
    return total / count


class EpochTrainer:
    """``step()`` trains one epoch and returns the metrics; ``reset()`` builds a fresh model.

    Args:
        build: ``() -> (model, optimizer)``, called after ``torch.manual_seed(seed)`` so that every
            Reset starts from the same weights. The model is moved to ``device`` (in place, so the
            optimiser keeps pointing at its parameters).
        train_loader, test_loader: iterables of ``(x, y)`` batches (a DataLoader, a list...).
        device: where to compute.
        train_epoch, evaluate: functions with chapter 09's contracts (yours, or the reference ones).
        loss_fn: default ``nn.CrossEntropyLoss()``.
    """

    def __init__(self, build: Callable[[], tuple[torch.nn.Module, torch.optim.Optimizer]], train_loader: Iterable,
                 test_loader: Iterable, device: torch.device | str, train_epoch: Callable | None = None,
                 evaluate: Callable | None = None, loss_fn: Callable | None = None, seed: int = 0):
        self.build, self.seed = build, int(seed)
        self.train_loader, self.test_loader = train_loader, test_loader
        self.device = torch.device(device)
        self.train_epoch = train_epoch or reference_train_epoch
        self.evaluate = evaluate or reference_evaluate
        self.loss_fn = loss_fn or torch.nn.CrossEntropyLoss()
        self.epochs = 0
        self.reset()

    def reset(self) -> None:
        torch.manual_seed(self.seed)
        self.model, self.optimizer = self.build()
        self.model.to(self.device)
        self.epochs = 0

    def step(self) -> dict[str, float]:
        train_loss = self.train_epoch(self.model, self.train_loader, self.loss_fn, self.optimizer, self.device)
        self.epochs += 1
        return {
            "train loss": float(train_loss),
            "test loss": mean_loss(self.model, self.test_loader, self.loss_fn, self.device),
            "train accuracy": float(self.evaluate(self.model, self.train_loader, self.device)),
            "test accuracy": float(self.evaluate(self.model, self.test_loader, self.device)),
        }


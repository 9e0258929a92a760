"""Chapter 12 picture: a GAN learning to draw digits, watched live.

* :func:`digit_grid`: images ``(n, 8, 8)`` tiled into one mosaic array (a grid of digits);
* :func:`gan_figure`: a static Figure of a training state: on the left the generator's digits
  for a **fixed** latent batch (the same noise vectors every time, so you watch the same
  "pen strokes" turn from noise into digits), on the right both losses with the values they
  would take at the game's equilibrium (D answers 1/2 everywhere: ``d_loss = 2 log 2``,
  ``g_loss = log 2``);
* :func:`snapshots_figure`: the fixed batch at several moments of training, side by side;
* :func:`samples_figure`: a grid of digits, each titled with a label (the classifier's verdict);
* :class:`DigitGanExplorer`: the live widget. **Play** trains in a background thread (the
  notebook stays free) and redraws every ``redraw_every`` steps, **Pause** stops within a
  fraction of a second, **Step** takes ``redraw_every`` steps, **Reset** starts again from fresh
  networks. Scripts and tests call :meth:`~DigitGanExplorer.step`, :meth:`~DigitGanExplorer.reset`,
  :meth:`~DigitGanExplorer.play_for` and :meth:`~DigitGanExplorer.pause`.

The widget drives a :class:`gradschool.reference.torch_gan.GanTrainer`, so it trains whatever
networks and ``d_step``/``g_step`` the trainer was given (the chapter passes the student's). No
pyplot figure is ever opened.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import ipywidgets as widgets
import numpy as np
import torch
from matplotlib.figure import Figure

from gradschool.reference.torch_gan import GanTrainer
from gradschool.widgets.base import SteppedPlayLoop, new_figure
from gradschool.widgets.gan_lab import _step_limit  # the same step axes as chapter 8's GAN Lab
from gradschool.widgets.live import LivePicture

__all__ = ["digit_grid", "gan_figure", "snapshots_figure", "samples_figure", "DigitGanExplorer", "running_mean"]

D_EQUILIBRIUM = 2 * math.log(2)
G_EQUILIBRIUM = math.log(2)
MAX_POINTS = 400


def digit_grid(images: Any, ncols: int | None = None, pad: int = 1, fill: float = 0.0) -> np.ndarray:
    """Tile ``images (n, h, w)`` into one ``(rows*(h+pad)-pad, ncols*(w+pad)-pad)`` array.

    ``ncols`` defaults to ``ceil(sqrt(n))``; the gaps and unused cells are ``fill`` (0: mid-grey
    for images in [-1, 1], so every digit has a frame).
    """
    images = np.asarray(images, dtype=float)
    n, h, w = images.shape
    ncols = int(ncols or math.ceil(math.sqrt(n)))
    nrows = max(1, math.ceil(n / ncols))
    grid = np.full((nrows * (h + pad) - pad, ncols * (w + pad) - pad), fill, dtype=float)
    for index in range(n):
        row, col = divmod(index, ncols)
        grid[row * (h + pad): row * (h + pad) + h, col * (w + pad): col * (w + pad) + w] = images[index]
    return grid


def running_mean(values: Sequence[float], window: int = 50) -> np.ndarray:
    """The mean of the last ``window`` values at every position (shorter at the start)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    index = np.arange(1, values.size + 1)
    start = np.maximum(0, index - window)
    return (cumulative[index] - cumulative[start]) / (index - start)


def gan_figure(samples: Any, history: dict, title: str = "", figure: Figure | None = None) -> Figure:
    """The fixed latent batch's digits (left) and both loss curves (right).

    Args:
        samples: ``(n, 8, 8)`` generator outputs in [-1, 1].
        history: ``{"step": [...], "d_loss": [...], "g_loss": [...]}`` (may be empty).
        title: shown above the digits (default: the number of steps).
    """
    return _build(samples, history, title, figure)["figure"]


def _loss_top(history: dict) -> float:
    """The top of the loss axis: room for 99 % of the losses (at most 6), in steps of 0.5 so that
    it moves, and the axis is drawn again, only now and then."""
    finite = np.concatenate([np.asarray(history.get(n, []), dtype=float) for n in ("d_loss", "g_loss")])
    finite = finite[np.isfinite(finite)]
    top = min(6.0, float(np.percentile(finite, 99)) * 1.1) if finite.size else 3.0
    return min(6.0, math.ceil(max(top, 1.6) * 2) / 2)


def _build(samples: Any, history: dict, title: str = "", figure: Figure | None = None) -> dict:
    """Lay out :func:`gan_figure`'s picture; returns the artists that change between frames by name
    (``moving``: what a frame redraws, in drawing order; ``left``, ``right``: the axes; ``figure``),
    filled by :func:`_update`."""
    if figure is None:
        # No constrained layout: fixed margins draw in half the time, and never move between frames.
        figure = Figure(figsize=(9.0, 3.8), dpi=72)
        figure.subplots_adjust(left=0.02, right=0.92, bottom=0.13, top=0.87, wspace=0.1)
    left, right = figure.subplots(1, 2, width_ratios=[1, 1.35])
    digits = left.imshow(digit_grid(samples), cmap="gray_r", vmin=-1, vmax=1, interpolation="nearest")
    left.set_xticks([])
    left.set_yticks([])
    left.set_title(" ", fontsize=9)

    curves = []  # raw (faint) then running mean, per loss; empty until the first step
    for color, label in [("tab:red", "D loss"), ("tab:blue", "G loss")]:
        curves += [right.plot([], [], color=color, alpha=0.25, linewidth=0.6)[0],
                   right.plot([], [], color=color, label=f"{label} (running mean)")[0]]
    equilibria = [right.axhline(D_EQUILIBRIUM, color="tab:red", linestyle=":", linewidth=1,
                                label="D at equilibrium: 2 log 2"),
                  right.axhline(G_EQUILIBRIUM, color="tab:blue", linestyle=":", linewidth=1,
                                label="G at equilibrium: log 2")]
    right.set_xlabel("step")
    right.set_ylabel("loss", labelpad=1)
    right.yaxis.set_label_position("right")
    right.yaxis.tick_right()
    right.grid(alpha=0.3)
    right.legend(fontsize=7, loc="upper right")
    # Redrawn every frame: the digits with what lies over them, the curves with what lies over
    # them (all but the legend: a curve may cross it, drawn on top).
    moving = [digits, *left.spines.values(), left.title, *curves, *equilibria, *right.spines.values()]
    parts = {"figure": figure, "left": left, "right": right, "digits": digits, "curves": curves, "moving": moving}
    _update(parts, samples, history, title)
    return parts


def _update(parts: dict, samples: Any, history: dict, title: str = "") -> None:
    """Show ``samples`` and ``history`` (see :func:`gan_figure`) on the artists :func:`_build` made."""
    parts["digits"].set_data(digit_grid(samples))
    steps = np.asarray(history.get("step", []), dtype=float)
    parts["left"].title.set_text(title or f"fixed latent batch after {len(steps)} steps")
    every = max(1, len(steps) // MAX_POINTS)  # thin long curves: the picture is the same, drawing is faster
    curves = iter(parts["curves"])
    for name in ("d_loss", "g_loss"):
        values = np.asarray(history.get(name, []), dtype=float)
        next(curves).set_data(steps[::every], values[::every])
        next(curves).set_data(steps[::every], running_mean(values)[::every])
    parts["right"].set_xlim(0, _step_limit(int(steps.max()) if steps.size else 0))
    parts["right"].set_ylim(0, _loss_top(history))


def snapshots_figure(snapshots: Sequence[tuple[int, Any]], ncols: int = 8) -> Figure:
    """``snapshots``: ``[(step, samples (n, 8, 8) in [-1, 1]), ...]``, drawn left to right."""
    figure = new_figure(2.3 * len(snapshots), 2.6, dpi=72)
    axes = figure.subplots(1, len(snapshots), squeeze=False)[0]
    for ax, (step, samples) in zip(axes, snapshots):
        ax.imshow(digit_grid(samples, ncols=ncols), cmap="gray_r", vmin=-1, vmax=1, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"step {step}", fontsize=9)
    return figure


def samples_figure(images: Any, labels: Sequence[Any] | None = None, ncols: int = 10, low: float = 0.0,
                   high: float = 1.0, title: str = "") -> Figure:
    """Digits ``(n, 8, 8)`` (values in [low, high]) in a grid, each titled with its label."""
    images = np.asarray(images, dtype=float)
    n = len(images)
    nrows = max(1, math.ceil(n / ncols))
    figure = new_figure(0.9 * ncols, 1.0 * nrows + (0.3 if title else 0.0), dpi=72)
    axes = figure.subplots(nrows, ncols, squeeze=False)
    for index, ax in enumerate(axes.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if index >= n:
            ax.set_axis_off()
            continue
        ax.imshow(images[index], cmap="gray_r", vmin=low, vmax=high, interpolation="nearest")
        if labels is not None:
            ax.set_title(str(labels[index]), fontsize=8, pad=2)
    if title:
        figure.suptitle(title, fontsize=10)
    return figure


class DigitGanExplorer(SteppedPlayLoop, widgets.VBox):
    """Live training of a digit GAN: Play/Pause, Step, Reset, and the picture of :func:`gan_figure`.

    Args:
        trainer: a :class:`GanTrainer` (default: a fresh reference one; ``trainer_options`` go to it).
        redraw_every: steps between redraws while playing, and steps per click of Step. A step of
            the reference GAN (batch 128) takes about 4.5 ms of one CPU core and a frame about
            15-20 ms (the kept figure: only the digits and the curves are redrawn), so 10 steps
            make about 15 frames a second with a quarter of the time spent drawing.
        max_steps: Play stops by itself here.
        classifier: optional digit classifier (``(N, 1, 8, 8)`` in [0, 1] -> logits); when given,
            the title says how confident it is about the fixed batch's digits.
    """

    _held = ("trainer", "classifier", "_live", "_parts")  # let go when retired (gradschool.widgets.rerun)

    def __init__(self, trainer: GanTrainer | None = None, redraw_every: int = 10, max_steps: int = 6000,
                 classifier: torch.nn.Module | None = None, **trainer_options: Any):
        self.trainer = trainer if trainer is not None else GanTrainer(**trainer_options)
        self.redraw_every = max(1, int(redraw_every))
        self.max_steps = int(max_steps)
        self.classifier = classifier
        self.problem = ""
        self.redraw_count = 0
        self._live: LivePicture | None = None  # one figure for the widget's life, made by the first redraw
        self._parts: dict = {}  # its changing artists (see _build)
        self._limits: tuple | None = None  # the loss axes' limits in the cached background
        controls = self._play_step_reset(self.redraw_every, f"train {self.redraw_every} steps", "fresh networks")
        super().__init__([controls, self.image])
        self.redraw()

    # ---- state
    @property
    def steps(self) -> int:
        return self.trainer.steps

    def _take_step(self) -> None:
        losses = self.trainer.step()
        if not all(math.isfinite(v) for v in losses.values()):
            self.problem = "a loss is not finite (diverged?)"

    def reset(self) -> None:
        """Stop playing, build fresh networks, clear the curves."""
        self.pause()
        with self._lock:
            self.trainer.reset()
            self.problem = ""
            self.redraw()

    def confidence(self, samples: np.ndarray) -> float | None:
        """The classifier's mean largest probability on ``samples`` (in [-1, 1]), or None without one."""
        if self.classifier is None:
            return None
        with torch.no_grad():
            device = next(self.classifier.parameters()).device
            x = torch.as_tensor((samples + 1) / 2, dtype=torch.float32, device=device).clamp(0, 1)[:, None]
            return float(torch.softmax(self.classifier(x), dim=1).max(dim=1).values.mean())

    def _picture_state(self) -> tuple[np.ndarray, dict, str]:
        """What the picture shows: the fixed batch's samples ``(n, 8, 8)``, the history, the title."""
        samples = self.trainer.samples()
        title = f"fixed latent batch after {self.steps} steps"
        confidence = self.confidence(samples)
        if confidence is not None:
            title += f"\nclassifier confidence {confidence:.2f}"
        return samples, self.trainer.history, title

    def figure(self) -> Figure:
        """The current state as a static Figure."""
        return gan_figure(*self._picture_state())

    def redraw(self) -> None:
        with self._lock:
            self.image.value = self._frame()
            self.redraw_count += 1
            self.status.value = self._status_text()

    def _frame(self) -> bytes:
        """The PNG of the current state, drawn on the kept figure (call with ``_lock`` held): the
        digits and curves over a cached background, all of it only when the loss axes' limits move."""
        if self._live is None:
            self._parts = _build(*self._picture_state())
            self._live = LivePicture(self._parts["figure"])
            self._live.moving(*self._parts["moving"])
        else:
            _update(self._parts, *self._picture_state())
        limits = (self._parts["right"].get_xlim(), self._parts["right"].get_ylim())
        if limits != self._limits:
            self._limits = limits
            self._live.invalidate()
        return self._live.png()

    def _status_text(self) -> str:
        if self.problem:
            return f"step {self.steps}: {self.problem}"
        if not self.steps:
            return "step 0: press Play or Step"
        history = self.trainer.history
        return f"step {self.steps}: D loss {history['d_loss'][-1]:.3f}, G loss {history['g_loss'][-1]:.3f}"

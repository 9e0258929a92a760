"""Chapter 3 pictures: gradient descent (with or without momentum) on three 2-D losses.

* :data:`SURFACES`: the losses, each with its formula, gradient and minimum value:
  ``"valley"`` (a narrow, ill-conditioned quadratic), ``"saddle"`` (two minima with a saddle
  point between them) and ``"bowl"`` (a round quadratic).
* :func:`descend`: heavy-ball gradient descent, ``v = beta*v + grad; x = x - lr*v`` (``beta = 0``
  is plain gradient descent); it stops early when the path runs away (diverges).
* :func:`descent_figure`: a static picture: the loss's contours with the path on the left, the
  loss per step on the right.
* :class:`DescentExplorer`: the same picture with sliders for the learning rate, the momentum,
  the start point and the number of steps (redrawn on every change), plus Play/Pause, Step and
  Reset to watch the path grow one step at a time.

Everything here is self-contained, so the pictures work before the student has written any code.
Pass ``descent_fn=momentum_descent`` (your own function from the chapter) to draw your paths
instead. No pyplot figure is ever opened.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from gradschool.widgets.base import BrowserRedraw, PlayLoop, figure_png, new_figure
from gradschool.widgets.unicode_math import power_of_ten

__all__ = ["Surface", "SURFACES", "descend", "descent_figure", "DescentExplorer"]

EXTENT = 3.0  # the square [-EXTENT, EXTENT]^2 of the (x, y) plane that is drawn
RUNAWAY = 1e3  # a path that gets this far from the origin has diverged: stop it there
MAX_STEPS = 2000  # the explorer never takes more steps than this

# A descent function has momentum_descent's signature: (grad_fn, x0, lr, beta, steps) -> (steps+1, D).
DescentFn = Callable[[Callable[[np.ndarray], np.ndarray], np.ndarray, float, float, int], np.ndarray]


@dataclass(frozen=True)
class Surface:
    """A 2-D loss: ``loss(x, y)`` works elementwise on grids, ``grad(p)`` takes a point ``(2,)``."""

    label: str
    formula: str  # plain Unicode (½x², not mathtext: parsing that costs every redraw), for titles
    loss: Callable[[np.ndarray, np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]
    minimum: float  # the smallest value of the loss


VALLEY_CURVATURE = 20.0  # the valley is this many times steeper across (y) than along (x)

SURFACES: dict[str, Surface] = {
    "valley": Surface(
        "narrow valley",
        "½(x² + 20y²)",
        lambda x, y: 0.5 * (x**2 + VALLEY_CURVATURE * y**2),
        lambda p: np.array([p[0], VALLEY_CURVATURE * p[1]], dtype=float),
        0.0,
    ),
    "saddle": Surface(
        "saddle",
        "½x² + ¼y⁴ − ½y²",
        lambda x, y: 0.5 * x**2 + 0.25 * y**4 - 0.5 * y**2,
        lambda p: np.array([p[0], p[1] ** 3 - p[1]], dtype=float),
        -0.25,  # at (0, +1) and (0, -1); the saddle point (0, 0) has loss 0
    ),
    "bowl": Surface(
        "bowl",
        "½(x² + y²)",
        lambda x, y: 0.5 * (x**2 + y**2),
        lambda p: np.array([p[0], p[1]], dtype=float),
        0.0,
    ),
}


def _surface(name: str) -> Surface:
    if name not in SURFACES:
        raise ValueError(f"surface must be one of {sorted(SURFACES)}, got {name!r}")
    return SURFACES[name]


# --------------------------------------------------------------------------- the descent


def descend(surface: str, start: Any, lr: float, momentum: float = 0.0, steps: int = 50) -> np.ndarray:
    """Heavy-ball descent on a surface: ``v = momentum*v + grad; p = p - lr*v``, ``v`` starts at 0.

    Returns the path ``(k+1, 2)``, starting at ``start``: ``k = steps``, or fewer when the path ran
    away (got farther than ``RUNAWAY`` from the origin); its last point is then the runaway one.
    """
    grad = _surface(surface).grad
    p = np.array(start, dtype=float).reshape(2)
    v = np.zeros(2)
    path = [p]
    with np.errstate(all="ignore"):
        for _ in range(int(steps)):
            v = momentum * v + grad(p)
            p = p - lr * v
            path.append(p)
            if not np.all(np.isfinite(p)) or np.max(np.abs(p)) > RUNAWAY:
                break
    return np.array(path)


def _trim(path: np.ndarray) -> tuple[np.ndarray, bool]:
    """Cut a path after its first runaway point (and drop non-finite points): ``(path, diverged)``."""
    path = np.asarray(path, dtype=float).reshape(-1, 2)
    with np.errstate(invalid="ignore"):
        away = ~np.all(np.isfinite(path), axis=1) | (np.max(np.abs(np.nan_to_num(path, nan=np.inf)), axis=1) > RUNAWAY)
    if not away.any():
        return path, False
    first = int(np.argmax(away))
    kept = path[: first + 1]
    return kept[np.all(np.isfinite(kept), axis=1)], True


def _path(surface: str, start: Any, lr: float, momentum: float, steps: int, descent_fn: DescentFn | None) -> tuple[np.ndarray, bool]:
    """The path drawn, by :func:`descend` or by ``descent_fn``, and whether it diverged."""
    if descent_fn is None:
        return _trim(descend(surface, start, lr, momentum, steps))
    grad = _surface(surface).grad
    with np.errstate(all="ignore"):
        path = descent_fn(grad, np.array(start, dtype=float).reshape(2), float(lr), float(momentum), int(steps))
    return _trim(path)


# --------------------------------------------------------------------------- the picture

@lru_cache(maxsize=None)
def _grid(surface: str, n: int = 121) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs = np.linspace(-EXTENT, EXTENT, n)
    X, Y = np.meshgrid(xs, xs)
    return X, Y, SURFACES[surface].loss(X, Y)


def _losses(surface: str, path: np.ndarray) -> np.ndarray:
    """Loss above the minimum at every point of the path (at least 1e-16, for a log axis)."""
    s = SURFACES[surface]
    with np.errstate(all="ignore"):
        gap = s.loss(path[:, 0], path[:, 1]) - s.minimum
    return np.maximum(np.nan_to_num(gap, nan=1e300, posinf=1e300), 1e-16)


def _draw(figure: Figure, surface: str, path: np.ndarray, diverged: bool, lr: float, momentum: float) -> Figure:
    s = _surface(surface)
    # Fixed margins instead of the constrained layout: a quarter faster per redraw, and the
    # explorer redraws on every step while playing.
    figure.set_layout_engine("none")
    grid = figure.add_gridspec(1, 2, width_ratios=[1.1, 1.0], left=0.07, right=0.985, bottom=0.13, top=0.92,
                               wspace=0.22)
    ax_map, ax_loss = grid.subplots()
    X, Y, Z = _grid(surface)
    shade = np.log10(Z - s.minimum + 1e-2)
    ax_map.contourf(X, Y, shade, levels=20, cmap="viridis", alpha=0.9)
    ax_map.contour(X, Y, shade, levels=12, colors="white", linewidths=0.4, alpha=0.6)
    ax_map.plot(path[:, 0], path[:, 1], "-", color="#ff4136", linewidth=1.2)
    ax_map.plot(path[:, 0], path[:, 1], "o", color="#ff4136", markersize=2.5)
    ax_map.plot(*path[0], "o", color="white", markeredgecolor="black", markersize=7, label="start")
    ax_map.plot(*path[-1], "*", color="yellow", markeredgecolor="black", markersize=11, label="now")
    ax_map.set_xlim(-EXTENT, EXTENT)
    ax_map.set_ylim(-EXTENT, EXTENT)
    ax_map.set_aspect("equal")
    ax_map.set_xlabel("x")
    ax_map.set_ylabel("y")
    # A title with y given is not re-placed above the ticks on every draw (none are on top here: same place).
    ax_map.set_title(f"{s.label}: {s.formula}", fontsize=10, y=1.0)
    ax_map.legend(loc="lower right", fontsize=8, framealpha=0.8)

    steps = len(path) - 1
    gaps = _losses(surface, path)
    ax_loss.semilogy(np.arange(len(path)), gaps, "-", color="#0074d9", linewidth=1.5)
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("loss - minimum")
    ax_loss.set_xlim(0, max(steps, 1))
    ax_loss.set_ylim(float(gaps.min()) / 5, min(max(float(gaps.max()) * 5, 1e-15), 1e305))
    ax_loss.yaxis.set_major_locator(LogLocator(numticks=6))  # few ticks: a log axis over 30 decades is slow to lay out
    ax_loss.yaxis.set_minor_locator(NullLocator())
    ax_loss.yaxis.set_major_formatter(FuncFormatter(power_of_ten))
    ax_loss.grid(True, which="major", alpha=0.3)
    rule = "gradient descent" if momentum == 0 else f"momentum {momentum:.2f}"
    ax_loss.set_title(f"lr {lr:.3g}, {rule}: {steps} steps", fontsize=10, y=1.0)
    if diverged:
        ax_loss.text(0.5, 0.5, "diverged!\n(learning rate too large)", transform=ax_loss.transAxes, ha="center",
                     va="center", color="#d62728", fontsize=13, weight="bold")
    elif steps > 0 and gaps[-1] > gaps[0]:
        ax_loss.text(0.5, 0.5, "the loss grows:\nlearning rate too large", transform=ax_loss.transAxes, ha="center",
                     va="center", color="#d62728", fontsize=12, weight="bold")
    else:
        ax_loss.text(0.98, 0.95, f"now {gaps[-1]:.2e} above the minimum", transform=ax_loss.transAxes, ha="right",
                     va="top", fontsize=8)
    return figure


def descent_figure(
    surface: str = "valley",
    lr: float = 0.05,
    momentum: float = 0.0,
    start: Any = (-2.5, 1.0),
    steps: int = 50,
    descent_fn: DescentFn | None = None,
) -> Figure:
    """Contours of a 2-D loss with the descent path from ``start``, and the loss per step.

    ``surface`` is ``"valley"``, ``"saddle"`` or ``"bowl"``; ``momentum = 0`` is plain gradient
    descent. ``descent_fn`` (optional) has ``momentum_descent``'s signature
    ``(grad_fn, x0, lr, beta, steps) -> (steps+1, 2)`` and replaces the built-in :func:`descend`.
    """
    path, diverged = _path(surface, start, lr, momentum, steps, descent_fn)
    return _draw(new_figure(9.0, 3.8), surface, path, diverged, float(lr), float(momentum))


# --------------------------------------------------------------------------- the explorer


class DescentExplorer(BrowserRedraw, PlayLoop, widgets.VBox):
    """Descent on a 2-D loss, live.

    Every slider change restarts from the start point and takes ``steps`` steps at once. ``Step``
    takes one more step, ``Play`` keeps stepping in a background thread (the kernel stays free;
    ``Pause`` stops it at once; at most one picture every ``interval`` seconds) until the path converges, diverges or reaches
    ``MAX_STEPS``, and ``Reset`` goes back to the start point with no step taken. Scripts and
    tests call :meth:`step` and :meth:`reset` instead. While playing, the picture is redrawn every
    ``redraw_every`` steps.

    ``descent_fn`` (optional, ``momentum_descent``'s signature) draws your own paths.
    """

    def __init__(
        self,
        surface: str = "valley",
        lr: float = 0.05,
        momentum: float = 0.0,
        start: Any = (-2.5, 1.0),
        steps: int = 30,
        descent_fn: DescentFn | None = None,
        interval: float = 0.1,
        redraw_every: int = 1,
    ):
        _surface(surface)
        self.descent_fn = descent_fn
        self.interval = float(interval)
        self.redraw_every = max(1, int(redraw_every))
        style = {"description_width": "initial"}
        self.surface = widgets.Dropdown(
            options=[("narrow valley", "valley"), ("saddle", "saddle"), ("bowl", "bowl")], value=surface,
            description="loss",
        )
        self.lr = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=0.5, step=0.05, description="learning rate",
                                         readout_format=".3g", style=style, continuous_update=False)
        self.momentum = widgets.FloatSlider(value=momentum, min=0.0, max=0.99, step=0.01, description="momentum",
                                            style=style, continuous_update=False)
        self.start_x = widgets.FloatSlider(value=float(start[0]), min=-EXTENT, max=EXTENT, step=0.05,
                                           description="start x", continuous_update=False)
        self.start_y = widgets.FloatSlider(value=float(start[1]), min=-EXTENT, max=EXTENT, step=0.05,
                                           description="start y", continuous_update=False)
        self.steps = widgets.IntSlider(value=steps, min=0, max=300, step=1, description="steps", continuous_update=False)
        self.play = widgets.ToggleButton(value=False, description="Play", icon="play", tooltip="Play / Pause")
        self.step_button = widgets.Button(description="Step", icon="step-forward", tooltip="one more step")
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="back to the start point")
        self.status = widgets.Label()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.controls = {"surface": self.surface, "lr": self.lr, "momentum": self.momentum,
                         "start_x": self.start_x, "start_y": self.start_y, "steps": self.steps}
        self.redraw_count = 0
        self.steps_taken = 0
        self.path = np.zeros((1, 2))
        self.diverged = False
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step(1))
        self.reset_button.on_click(lambda _button: self.reset())
        row = widgets.Layout(flex_flow="row wrap")
        super().__init__([
            widgets.HBox([self.surface, self.lr, self.momentum], layout=row),
            widgets.HBox([self.start_x, self.start_y, self.steps], layout=row),
            widgets.HBox([self.play, self.step_button, self.reset_button, self.status], layout=row),
            self.image,
        ])
        self._go_to(self.steps.value)

    # ---- state
    @property
    def position(self) -> np.ndarray:
        """Where the descent is now, ``(2,)``."""
        return self.path[-1].copy()

    @property
    def finished(self) -> bool:
        """True once the path diverged, converged (stopped moving) or took ``MAX_STEPS`` steps."""
        if self.diverged or self.steps_taken >= MAX_STEPS:
            return True
        if len(self.path) < 2:
            return False
        moved = float(np.max(np.abs(self.path[-1] - self.path[-2])))
        gradient = float(np.max(np.abs(SURFACES[self.surface.value].grad(self.path[-1]))))
        return moved < 1e-9 and gradient < 1e-9

    def _go_to(self, steps_taken: int, redraw: bool = True) -> None:
        """Recompute the path from the start point with ``steps_taken`` steps (capped at ``MAX_STEPS``)."""
        with self._lock:
            self.steps_taken = int(min(max(steps_taken, 0), MAX_STEPS))
            start = (self.start_x.value, self.start_y.value)
            self.path, self.diverged = _path(self.surface.value, start, self.lr.value, self.momentum.value,
                                             self.steps_taken, self.descent_fn)
            if redraw:
                self.redraw()

    def _on_change(self, change: dict) -> None:
        self._refresh_for(change)

    def _refresh(self) -> None:
        self._go_to(self.steps.value)

    def step(self, n: int = 1) -> None:
        """Take ``n`` more steps (none once diverged), then redraw once."""
        with self._lock:
            if not self.diverged:
                self._go_to(self.steps_taken + int(n), redraw=False)
            self.redraw()

    def reset(self) -> None:
        """Stop playing and go back to the start point, no step taken."""
        self.pause()
        self._go_to(0)

    def redraw(self) -> None:
        with self._lock:
            figure = _draw(new_figure(9.0, 3.8), self.surface.value, self.path, self.diverged, self.lr.value,
                           self.momentum.value)
            self.image.value = figure_png(figure)
            self.redraw_count += 1
            gap = _losses(self.surface.value, self.path)[-1]
            where = "diverged" if self.diverged else f"at ({self.path[-1, 0]:+.3f}, {self.path[-1, 1]:+.3f})"
            self.status.value = f"step {len(self.path) - 1}, {where}, loss - minimum = {gap:.3g}"

    # ---- play / pause
    def _run(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                if self._stop.is_set() or self.finished:
                    break
                self.step(self.redraw_every)
            self._wait_next_frame()
        if not self._stop.is_set():
            self.play.value = False  # finished by itself: calls pause(), which does not join its own thread


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
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from gradschool.widgets.base import BrowserRedraw, PlayLoop, new_figure
from gradschool.widgets.live import LivePicture
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


@dataclass
class _Moving:
    """The artists a new path changes (every Step, every play frame, every slider but the surface's):
    the path on the map (line, dots, start, now; the map's legend is drawn over them), and on the
    loss axes the loss curve, the title and the verdict (diverged, growing, or how far to go)."""

    path_line: Line2D
    path_dots: Line2D
    start: Line2D
    now: Line2D
    legend: Legend
    loss_line: Line2D
    loss_title: Text
    verdict: Text

    def artists(self) -> tuple[Artist, ...]:
        return (self.path_line, self.path_dots, self.start, self.now, self.legend, self.loss_line, self.loss_title,
                self.verdict)


def _build(figure: Figure, surface: str) -> _Moving:
    """Draw what depends on the surface only (contours, axes, labels) and the path's artists, empty."""
    s = _surface(surface)
    # Fixed margins instead of the constrained layout: a quarter faster per full draw, and a layout
    # that does not move when the loss axis gets new limits.
    figure.set_layout_engine("none")
    grid = figure.add_gridspec(1, 2, width_ratios=[1.1, 1.0], left=0.07, right=0.975, bottom=0.13, top=0.92,
                               wspace=0.22)
    ax_map, ax_loss = grid.subplots()
    X, Y, Z = _grid(surface)
    shade = np.log10(Z - s.minimum + 1e-2)
    ax_map.contourf(X, Y, shade, levels=20, cmap="viridis", alpha=0.9)
    ax_map.contour(X, Y, shade, levels=12, colors="white", linewidths=0.4, alpha=0.6)
    path_line = ax_map.plot([], [], "-", color="#ff4136", linewidth=1.2)[0]
    path_dots = ax_map.plot([], [], "o", color="#ff4136", markersize=2.5)[0]
    start = ax_map.plot([], [], "o", color="white", markeredgecolor="black", markersize=7, label="start")[0]
    now = ax_map.plot([], [], "*", color="yellow", markeredgecolor="black", markersize=11, label="now")[0]
    ax_map.set_xlim(-EXTENT, EXTENT)
    ax_map.set_ylim(-EXTENT, EXTENT)
    ax_map.set_aspect("equal")
    ax_map.set_xlabel("x")
    ax_map.set_ylabel("y")
    # A title with y given is not re-placed above the ticks on every draw (none are on top here: same place).
    ax_map.set_title(f"{s.label}: {s.formula}", fontsize=10, y=1.0)
    legend = ax_map.legend(loc="lower right", fontsize=8, framealpha=0.8)

    loss_line = ax_loss.semilogy([], [], "-", color="#0074d9", linewidth=1.5)[0]
    ax_loss.set_xlabel("step")
    ax_loss.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))  # whole steps: 0, 5, 10, not 2.5
    ax_loss.set_ylabel("loss - minimum")
    ax_loss.yaxis.set_major_locator(LogLocator(numticks=6))  # few ticks: a log axis over 30 decades is slow to lay out
    ax_loss.yaxis.set_minor_locator(NullLocator())
    ax_loss.yaxis.set_major_formatter(FuncFormatter(power_of_ten))
    ax_loss.grid(True, which="major", alpha=0.3)
    ax_loss.set_title("", fontsize=10, y=1.0)
    verdict = ax_loss.text(0.5, 0.5, "", transform=ax_loss.transAxes)
    return _Moving(path_line, path_dots, start, now, legend, loss_line, ax_loss.title, verdict)


# How the loss axes' verdict looks: an alarm in the middle, or the distance to go in a corner.
_ALARM = {"position": (0.5, 0.5), "ha": "center", "va": "center", "color": "#d62728", "weight": "bold"}
_PROGRESS = {"position": (0.98, 0.95), "ha": "right", "va": "top", "color": "black", "fontsize": 8, "weight": "normal"}


def _loss_limits(gaps: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """The loss axes' ``(xlim, ylim)`` for the losses ``gaps`` ``(steps+1,)``, with room to grow:
    x up to the step count rounded up to a multiple of 5, 50, 500 (at least 10; at most a third
    of the axis is empty), y whole decades beyond ``[min / 5, max * 5]``. A path that grows by a
    step seldom changes them, so a play frame only redraws the curve, not the axes (the background)."""
    steps = len(gaps) - 1
    unit = 10.0 ** np.floor(np.log10(max(steps, 10))) / 2
    right = max(10.0, float(np.ceil(steps / unit) * unit))
    with np.errstate(all="ignore"):
        low = np.floor(np.log10(float(gaps.min()) / 5))
        high = np.ceil(np.log10(max(float(gaps.max()) * 5, 1e-15)))
    return (0.0, right), (float(10.0**low), float(10.0 ** min(high, 305.0)))


def _show(moving: _Moving, surface: str, path: np.ndarray, diverged: bool, lr: float, momentum: float) -> bool:
    """Put ``path`` ``(k+1, 2)`` into the artists of :func:`_build`. Returns True when the loss
    axes' limits changed (the background has to be drawn again)."""
    moving.path_line.set_data(path[:, 0], path[:, 1])
    moving.path_dots.set_data(path[:, 0], path[:, 1])
    moving.start.set_data([path[0, 0]], [path[0, 1]])
    moving.now.set_data([path[-1, 0]], [path[-1, 1]])

    steps = len(path) - 1
    gaps = _losses(surface, path)
    moving.loss_line.set_data(np.arange(len(path)), gaps)
    ax_loss = moving.loss_line.axes
    xlim, ylim = _loss_limits(gaps)
    rescaled = (xlim, ylim) != (ax_loss.get_xlim(), ax_loss.get_ylim())
    if rescaled:
        ax_loss.set_xlim(*xlim)
        ax_loss.set_ylim(*ylim)
    rule = "gradient descent" if momentum == 0 else f"momentum {momentum:.2f}"
    moving.loss_title.set_text(f"lr {lr:.3g}, {rule}: {steps} steps")
    if diverged:
        moving.verdict.update({"text": "diverged!\n(learning rate too large)", "fontsize": 13, **_ALARM})
    elif steps > 0 and gaps[-1] > gaps[0]:
        moving.verdict.update({"text": "the loss grows:\nlearning rate too large", "fontsize": 12, **_ALARM})
    else:
        moving.verdict.update({"text": f"now {gaps[-1]:.2e} above the minimum", **_PROGRESS})
    return rescaled


def _draw(figure: Figure, surface: str, path: np.ndarray, diverged: bool, lr: float, momentum: float) -> Figure:
    """The whole picture of ``path`` on ``surface`` in ``figure`` (empty)."""
    _show(_build(figure, surface), surface, path, diverged, lr, momentum)
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

    _held = ("_live", "_moving")  # a retired explorer lets go of its figure

    def __init__(
        self,
        surface: str = "valley",
        lr: float = 0.05,
        momentum: float = 0.0,
        start: Any = (-2.5, 1.0),
        steps: int = 30,
        descent_fn: DescentFn | None = None,
        interval: float = 0.075,
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
        # One figure per surface: a new path only redraws the path's artists (_Moving) over it.
        self._live: LivePicture | None = None
        self._moving: _Moving | None = None
        self._shown_surface: str | None = None
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
            surface = self.surface.value
            if self._shown_surface != surface:  # new contours: a new figure (the dropdown: rare)
                figure = new_figure(9.0, 3.8)
                self._moving = _build(figure, surface)
                self._live = LivePicture(figure)
                self._live.moving(*self._moving.artists())
                self._shown_surface = surface
            if _show(self._moving, surface, self.path, self.diverged, self.lr.value, self.momentum.value):
                self._live.invalidate()  # new loss-axes limits: every few dozen steps, not every step
            self.image.value = self._live.png()
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


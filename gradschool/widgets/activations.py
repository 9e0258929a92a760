"""Chapter 2 pictures: an activation function next to its derivative.

* :func:`activation_figure`: the function on the left, its derivative on the right, the input
  ``z`` marked on both (with the tangent line, the value and the slope), the *saturated* region
  (``|f'(z)| < 0.05``) shaded for sigmoid and tanh, the *dead* region (``z < 0``, zero gradient)
  shaded for ReLU and the leaky region (gradient ``alpha``) for leaky ReLU.
* :class:`ActivationExplorer`: the same picture with a dropdown for the activation and sliders
  for ``z`` and leaky ReLU's ``alpha``.

The curves come from :mod:`gradschool.reference.activations`, so the pictures work before the
student has written any code. Pass ``functions={"sigmoid": (sigmoid, sigmoid_grad), ...}`` to
draw your own functions instead: the reference is then drawn underneath, thin and dashed, so any
difference shows; a function that raises (``NotImplementedError``) or returns something unusable
is replaced by the reference, and the picture says so. No pyplot figure is ever opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text

from gradschool.reference import activations as reference
from gradschool.widgets.base import FigureExplorer, new_figure
from gradschool.widgets.live import LivePicture

__all__ = ["NAMES", "SATURATION", "Z_RANGE", "ActivationPoint", "evaluate", "activation_figure", "ActivationExplorer"]

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu")
SATURATION = 0.05  # |f'(z)| below this counts as saturated: almost no gradient gets through
Z_RANGE = (-6.0, 6.0)  # the inputs drawn (and the z slider's range)

_Y_LIMITS = {"sigmoid": (-0.1, 1.1), "tanh": (-1.2, 1.2)}
_GRAD_LIMITS = {"sigmoid": (-0.02, 0.3), "tanh": (-0.08, 1.15)}
_CURVE, _REFERENCE, _MARK = "#1f77b4", "#7f7f7f", "#d62728"
_SATURATED, _DEAD, _LEAK = "#ff7f0e", "#d62728", "#ffbb78"
_LABEL_FLIP = 2.0  # for z above this the value labels go left of the dot (a label is about 3.5 wide in z)

Functions = dict[str, tuple[Callable[..., Any], Callable[..., Any]]]


@dataclass
class ActivationPoint:
    """What the picture shows at the marked input: ``f(z)``, ``f'(z)`` and which region ``z`` is in."""

    name: str
    z: float
    alpha: float
    value: float
    slope: float
    region: str  # "saturated", "dead", "leaky" or "active"
    note: str = ""  # set when a student's function could not be used


def _region(name: str, z: float, slope: float) -> str:
    if name in ("sigmoid", "tanh"):
        return "saturated" if abs(slope) < SATURATION else "active"
    if z > 0:
        return "active"
    return "dead" if name == "relu" else "leaky"


def _call(fn: Callable[..., Any], name: str, z: np.ndarray, alpha: float) -> np.ndarray:
    """``fn`` on ``z`` (with ``alpha`` for leaky ReLU) as a float array of ``z``'s shape, or raise."""
    with np.errstate(all="ignore"):
        out = fn(z, alpha=alpha) if name == "leaky_relu" else fn(z)
    out = np.asarray(out, dtype=float)
    if out.shape != z.shape:
        raise ValueError(f"returned shape {out.shape} for an input of shape {z.shape}")
    if not np.all(np.isfinite(out)):
        raise ValueError("returned NaN or inf")
    return out


def _curves(name: str, z: np.ndarray, alpha: float, functions: Functions | None) -> tuple[np.ndarray, np.ndarray, bool, str]:
    """``(f(z), f'(z), used_yours, note)``: the student's functions when given and usable, else the reference."""
    if name not in NAMES:
        raise ValueError(f"name must be one of {NAMES}, got {name!r}")
    ref_f, ref_df = reference.ACTIVATIONS[name]
    if functions and name in functions:
        f, df = functions[name]
        try:
            return _call(f, name, z, alpha), _call(df, name, z, alpha), True, ""
        except Exception as error:  # a stub, a crash, a wrong shape: fall back and say why
            why = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            note = f"your {name} could not be drawn ({why}); showing the reference"
            return _call(ref_f, name, z, alpha), _call(ref_df, name, z, alpha), False, note[:140]
    return _call(ref_f, name, z, alpha), _call(ref_df, name, z, alpha), False, ""


def evaluate(name: str = "sigmoid", z: float = 0.0, alpha: float = 0.01, functions: Functions | None = None) -> ActivationPoint:
    """The value, slope and region of activation ``name`` at the single input ``z``."""
    values, slopes, _, note = _curves(name, np.array([float(z)]), float(alpha), functions)
    value, slope = float(values[0]), float(slopes[0])
    return ActivationPoint(name, float(z), float(alpha), value, slope, _region(name, float(z), slope), note)


def _shade(ax: Axes, name: str, zs: np.ndarray, slopes: np.ndarray, alpha: float) -> None:
    """Shade where little or no gradient flows: saturated (sigmoid, tanh), dead (ReLU), leaky."""
    if name in ("sigmoid", "tanh"):
        ax.fill_between(zs, 0, 1, where=np.abs(slopes) < SATURATION, transform=ax.get_xaxis_transform(),
                        color=_SATURATED, alpha=0.18, linewidth=0, label=f"saturated: |f'| < {SATURATION:g}")
    elif name == "relu":
        ax.axvspan(zs[0], 0.0, color=_DEAD, alpha=0.12, linewidth=0, label="dead: f' = 0")
    else:
        ax.axvspan(zs[0], 0.0, color=_LEAK, alpha=0.25, linewidth=0, label=f"leaky: f' = alpha = {alpha:g}")


def activation_figure(
    name: str = "sigmoid", z: float = 0.0, alpha: float = 0.01, functions: Functions | None = None
) -> Figure:
    """Activation ``name`` (left) and its derivative (right), with the input ``z`` marked on both.

    name: one of ``NAMES``; z: the marked input (drawn range ``Z_RANGE``); alpha: leaky ReLU's slope
    for ``z < 0``; functions: optional ``{name: (f, f_grad)}`` to draw instead of the reference.
    """
    return _draw(name, z, alpha, functions)[0]


@dataclass
class _Marks:
    """The artists that follow ``z`` (redrawn on every move of the z slider): the tangent line and
    the dot on ``f``, the dot on ``f'``, their two value labels and the derivative's title."""

    tangent: Line2D
    dot_f: Line2D
    dot_df: Line2D
    label_f: Annotation
    label_df: Annotation
    title_df: Text

    def artists(self) -> tuple[Artist, ...]:
        return self.tangent, self.dot_f, self.dot_df, self.label_f, self.label_df, self.title_df


def _build(name: str, alpha: float, functions: Functions | None) -> tuple[Figure, _Marks, bool, str]:
    """Everything that does not depend on ``z`` (curves, shading, limits, legends), plus the z
    artists still unplaced (see :func:`_mark`): ``(figure, marks, used_yours, note)``."""
    zs = np.linspace(*Z_RANGE, 601)
    values, slopes, yours, note = _curves(name, zs, float(alpha), functions)

    figure = new_figure(9.0, 3.6)
    ax_f, ax_df = figure.subplots(1, 2)
    for ax in (ax_f, ax_df):
        _shade(ax, name, zs, slopes, alpha)
        ax.axhline(0.0, color="black", linewidth=0.6)
        ax.axvline(0.0, color="black", linewidth=0.6)
        ax.set_xlim(*Z_RANGE)
        ax.set_xlabel("z")
        ax.grid(alpha=0.3)

    label = "yours" if yours else name
    if yours:
        ref_f, ref_df = reference.ACTIVATIONS[name]
        ax_f.plot(zs, _call(ref_f, name, zs, alpha), "--", color=_REFERENCE, linewidth=1, label="reference")
        ax_df.plot(zs, _call(ref_df, name, zs, alpha), "--", color=_REFERENCE, linewidth=1, label="reference")
    ax_f.plot(zs, values, color=_CURVE, linewidth=2, label=label)
    ax_df.plot(zs, slopes, color=_CURVE, linewidth=2, label=f"{label}'")

    # The tangent line: near z, f looks like a straight line whose slope is f'(z).
    tangent = ax_f.plot([], [], ":", color=_MARK, linewidth=1.5, label="tangent", zorder=3)[0]
    dot_f = ax_f.plot([], [], "o", color=_MARK, markersize=7, zorder=4)[0]
    dot_df = ax_df.plot([], [], "o", color=_MARK, markersize=7, zorder=4)[0]
    label_f = ax_f.annotate("", (0.0, 0.0), xytext=(8, -14), textcoords="offset points", fontsize=9, color=_MARK)
    label_df = ax_df.annotate("", (0.0, 0.0), xytext=(8, 6), textcoords="offset points", fontsize=9, color=_MARK)
    for text in (label_f, label_df):
        text.set_in_layout(False)  # the layout must not depend on z: it is frozen between slider moves

    if name in _Y_LIMITS:
        ax_f.set_ylim(*_Y_LIMITS[name])
        ax_df.set_ylim(*_GRAD_LIMITS[name])
        ax_df.axhline(SATURATION, color=_SATURATED, linestyle="--", linewidth=1)
    else:
        low = min(-1.0, Z_RANGE[0] * (alpha if name == "leaky_relu" else 0.0)) - 0.3
        ax_f.set_ylim(low, Z_RANGE[1] + 0.3)
        ax_df.set_ylim(-0.15, 1.25)
    ax_f.set_title(f"{name}(z)", fontsize=11)
    ax_df.set_title(f"derivative {name}'(z): here", fontsize=11)
    ax_f.legend(loc="upper left", fontsize=8)
    ax_df.legend(loc="upper left" if name != "sigmoid" else "upper right", fontsize=8)
    if note:
        figure.suptitle(note, fontsize=8, color=_MARK)
    return figure, _Marks(tangent, dot_f, dot_df, label_f, label_df, ax_df.title), yours, note


def _point(name: str, z: float, alpha: float, functions: Functions | None, yours: bool, note: str) -> ActivationPoint:
    """The point marked at ``z``, from the same functions the curves came from (see :func:`_build`)."""
    point = evaluate(name, z, alpha, functions if yours else None)
    point.note = note
    return point


def _mark(marks: _Marks, point: ActivationPoint) -> None:
    """Put the z artists of :func:`_build` at ``point``."""
    near = np.linspace(point.z - 1.5, point.z + 1.5, 2)
    marks.tangent.set_data(near, point.value + point.slope * (near - point.z))
    marks.dot_f.set_data([point.z], [point.value])
    marks.dot_df.set_data([point.z], [point.slope])
    # Right of the dot, except near the right edge, where the label would leave its axes (and
    # overlap the next axes' tick labels, or the figure's edge): there it goes left of the dot.
    left = point.z > _LABEL_FLIP
    marks.label_f.xy = (point.z, point.value)
    marks.label_f.xyann = (-8, 6) if left else (8, -14)
    marks.label_f.set_text(f"f({point.z:.2f}) = {point.value:.4g}")
    marks.label_df.xy = (point.z, point.slope)
    marks.label_df.xyann = (-8, 6) if left else (8, 6)
    marks.label_df.set_text(f"f'({point.z:.2f}) = {point.slope:.4g}")
    for label in (marks.label_f, marks.label_df):
        label.set_horizontalalignment("right" if left else "left")
    marks.title_df.set_text(f"derivative {point.name}'(z): here {point.region}")


def _draw(name: str, z: float, alpha: float, functions: Functions | None) -> tuple[Figure, ActivationPoint]:
    """The figure of :func:`activation_figure` and the point it marks."""
    figure, marks, yours, note = _build(name, alpha, functions)
    point = _point(name, z, alpha, functions, yours, note)
    _mark(marks, point)
    return figure, point


class ActivationExplorer(FigureExplorer):
    """Pick an activation, move ``z``, and watch its value and slope; ``alpha`` shapes leaky ReLU.

    After each redraw ``point`` holds the :class:`ActivationPoint` shown and ``status`` says in
    words how much gradient flows at ``z``.
    """

    _held = ("_live", "_marks")  # a retired explorer lets go of its figure

    def __init__(self, name: str = "sigmoid", z: float = 2.0, alpha: float = 0.1, functions: Functions | None = None):
        self.functions = functions
        self.point: ActivationPoint | None = None
        # One figure per (activation, alpha): moving z only moves the z artists (_Marks) over it.
        self._live: LivePicture | None = None
        self._marks: _Marks | None = None
        self._shown: tuple | None = None  # (name, alpha or None, used_yours, note) the figure was built for
        self.name_menu = widgets.Dropdown(options=list(NAMES), value=name, description="activation")
        self.z_slider = widgets.FloatSlider(value=z, min=Z_RANGE[0], max=Z_RANGE[1], step=0.05, description="z",
                                            continuous_update=False)
        self.alpha_slider = widgets.FloatSlider(value=alpha, min=0.0, max=0.5, step=0.01, description="leaky alpha",
                                                readout_format=".2f", continuous_update=False)
        self.status = widgets.HTML()
        controls = {"name": self.name_menu, "z": self.z_slider, "alpha": self.alpha_slider}
        super().__init__(controls, self._picture)
        self.children = (*self.children, self.status)

    def _picture(self, name: str, z: float, alpha: float) -> LivePicture:
        self.alpha_slider.disabled = name != "leaky_relu"
        if self._shown is None or self._shown[:2] != (name, alpha if name == "leaky_relu" else None):
            self._rebuild(name, alpha)
        _, _, yours, note = self._shown
        self.point = _point(name, z, alpha, self.functions, yours, note)
        _mark(self._marks, self.point)
        self.status.value = self._explain(self.point)
        return self._live

    def _rebuild(self, name: str, alpha: float) -> None:
        """A new figure for a new activation or alpha (rare: the dropdown, the alpha slider)."""
        figure, self._marks, yours, note = _build(name, alpha, self.functions)
        self._live = LivePicture(figure)
        self._live.moving(*self._marks.artists())
        self._shown = (name, alpha if name == "leaky_relu" else None, yours, note)

    @staticmethod
    def _explain(p: ActivationPoint) -> str:
        flow = {
            "saturated": f"saturated: the slope {p.slope:.3g} is below {SATURATION:g}, so almost no gradient flows back",
            "dead": "dead: the slope is exactly 0, so no gradient flows back and the weights feeding it stop learning",
            "leaky": f"leaky: the slope is alpha = {p.alpha:g}, a small gradient still flows back",
            "active": f"active: the slope {p.slope:.3g} passes the gradient back",
        }[p.region]
        text = f"<b>{p.name}</b> at z = {p.z:.2f}: value {p.value:.4g}; {flow}."
        if p.note:
            text += f"<br><i>{p.note}</i>"
        return text

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
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from gradschool.reference import activations as reference
from gradschool.widgets.base import FigureExplorer, new_figure

__all__ = ["NAMES", "SATURATION", "Z_RANGE", "ActivationPoint", "evaluate", "activation_figure", "ActivationExplorer"]

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu")
SATURATION = 0.05  # |f'(z)| below this counts as saturated: almost no gradient gets through
Z_RANGE = (-6.0, 6.0)  # the inputs drawn (and the z slider's range)

_Y_LIMITS = {"sigmoid": (-0.1, 1.1), "tanh": (-1.2, 1.2)}
_GRAD_LIMITS = {"sigmoid": (-0.02, 0.3), "tanh": (-0.08, 1.15)}
_CURVE, _REFERENCE, _MARK = "#1f77b4", "#7f7f7f", "#d62728"
_SATURATED, _DEAD, _LEAK = "#ff7f0e", "#d62728", "#ffbb78"

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


def _draw(name: str, z: float, alpha: float, functions: Functions | None) -> tuple[Figure, ActivationPoint]:
    """The figure of :func:`activation_figure` and the point it marks."""
    zs = np.linspace(*Z_RANGE, 601)
    values, slopes, yours, note = _curves(name, zs, float(alpha), functions)
    point = evaluate(name, z, alpha, functions if yours else None)
    point.note = note

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
    near = np.linspace(point.z - 1.5, point.z + 1.5, 2)
    ax_f.plot(near, point.value + point.slope * (near - point.z), ":", color=_MARK, linewidth=1.5, label="tangent",
              zorder=3)
    ax_f.plot([point.z], [point.value], "o", color=_MARK, markersize=7, zorder=4)
    ax_df.plot([point.z], [point.slope], "o", color=_MARK, markersize=7, zorder=4)
    ax_f.annotate(f"f({point.z:.2f}) = {point.value:.4g}", (point.z, point.value), xytext=(8, -14),
                  textcoords="offset points", fontsize=9, color=_MARK)
    ax_df.annotate(f"f'({point.z:.2f}) = {point.slope:.4g}", (point.z, point.slope), xytext=(8, 6),
                   textcoords="offset points", fontsize=9, color=_MARK)

    if name in _Y_LIMITS:
        ax_f.set_ylim(*_Y_LIMITS[name])
        ax_df.set_ylim(*_GRAD_LIMITS[name])
        ax_df.axhline(SATURATION, color=_SATURATED, linestyle="--", linewidth=1)
    else:
        low = min(-1.0, Z_RANGE[0] * (alpha if name == "leaky_relu" else 0.0)) - 0.3
        ax_f.set_ylim(low, Z_RANGE[1] + 0.3)
        ax_df.set_ylim(-0.15, 1.25)
    ax_f.set_title(f"{name}(z)", fontsize=11)
    ax_df.set_title(f"derivative {name}'(z): here {point.region}", fontsize=11)
    ax_f.legend(loc="upper left", fontsize=8)
    ax_df.legend(loc="upper left" if name != "sigmoid" else "upper right", fontsize=8)
    if note:
        figure.suptitle(note, fontsize=8, color=_MARK)
    return figure, point


class ActivationExplorer(FigureExplorer):
    """Pick an activation, move ``z``, and watch its value and slope; ``alpha`` shapes leaky ReLU.

    After each redraw ``point`` holds the :class:`ActivationPoint` shown and ``status`` says in
    words how much gradient flows at ``z``.
    """

    def __init__(self, name: str = "sigmoid", z: float = 2.0, alpha: float = 0.1, functions: Functions | None = None):
        self.functions = functions
        self.point: ActivationPoint | None = None
        self.name_menu = widgets.Dropdown(options=list(NAMES), value=name, description="activation")
        self.z_slider = widgets.FloatSlider(value=z, min=Z_RANGE[0], max=Z_RANGE[1], step=0.05, description="z",
                                            continuous_update=False)
        self.alpha_slider = widgets.FloatSlider(value=alpha, min=0.0, max=0.5, step=0.01, description="leaky alpha",
                                                readout_format=".2f", continuous_update=False)
        self.status = widgets.HTML()
        controls = {"name": self.name_menu, "z": self.z_slider, "alpha": self.alpha_slider}
        super().__init__(controls, self._picture)
        self.children = (*self.children, self.status)

    def _picture(self, name: str, z: float, alpha: float) -> Figure:
        self.alpha_slider.disabled = name != "leaky_relu"
        figure, self.point = _draw(name, z, alpha, self.functions)
        self.status.value = self._explain(self.point)
        return figure

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

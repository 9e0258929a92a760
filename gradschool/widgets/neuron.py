"""Chapter 1 pictures: one neuron deciding about the four points of a logic gate.

* :func:`neuron_diagram`: the neuron as a weighted vote (inputs, weights, bias, sum, step).
* :func:`neuron_figure` and :class:`NeuronExplorer`: choose ``w1``, ``w2``, ``b`` and an
  activation; see the decision line ``w1*x1 + w2*x2 + b = 0``, the neuron's output as background
  shading, and how many of the gate's four points it gets right.
* :func:`perceptron_figure` and :class:`PerceptronExplorer`: watch the perceptron rule learn,
  one sample at a time, with Play/Pause, Step and Reset.
* :func:`hidden_layer_figure`: two neurons feeding a third solve XOR (the hidden layer's view).

Everything here is self-contained (its own tiny activations and truth tables), so the pictures
work before the student has written any code. No pyplot figure is ever opened.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Patch
from matplotlib.text import Text

from gradschool.widgets.base import PlayLoop, FigureExplorer, new_figure
from gradschool.widgets.live import LivePicture
from gradschool.widgets.unicode_math import sub

__all__ = [
    "GATES",
    "ACTIVATIONS",
    "activate",
    "gate_data",
    "count_correct",
    "neuron_diagram",
    "neuron_figure",
    "NeuronExplorer",
    "perceptron_figure",
    "PerceptronExplorer",
    "hidden_layer_figure",
]

# Inputs in the order 00, 01, 10, 11 and each gate's output (the same as gradschool.data.logic_gate).
_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATES = {
    "and": np.array([0.0, 0.0, 0.0, 1.0]),
    "or": np.array([0.0, 1.0, 1.0, 1.0]),
    "nand": np.array([1.0, 1.0, 1.0, 0.0]),
    "xor": np.array([0.0, 1.0, 1.0, 0.0]),
}

# Each activation: (formula, lowest and highest value shown in the shading).
ACTIVATIONS = {
    "step": (lambda z: np.where(z >= 0, 1.0, 0.0), (0.0, 1.0)),
    "sigmoid": (lambda z: 0.5 * (1.0 + np.tanh(0.5 * z)), (0.0, 1.0)),  # = 1 / (1 + exp(-z)), overflow-free
    "tanh": (np.tanh, (-1.0, 1.0)),
    "relu": (lambda z: np.maximum(z, 0.0), (0.0, 2.0)),
}

_LIMITS = (-0.5, 1.5)  # the square of the (x1, x2) plane that is drawn
_COLOURS = {0.0: "#d95f02", 1.0: "#1b9e77"}  # target 0: orange, target 1: green
_FINISHED, _IN_PROGRESS = "#7570b3", "#bbbbbb"  # bars of the mistakes-per-epoch chart
# Symbols are written in Unicode (x₁, Σ), not mathtext ($x_1$): a full draw builds a new figure, and
# Matplotlib parses every mathtext label again (several ms each) for every new figure.


def activate(z: Any, activation: str = "step") -> np.ndarray:
    """The activation's output for pre-activations ``z`` (any shape)."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
    return ACTIVATIONS[activation][0](np.asarray(z, dtype=float))


def gate_data(gate: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X (4, 2), y (4,))``: a gate's truth table, rows 00, 01, 10, 11."""
    if gate not in GATES:
        raise ValueError(f"gate must be one of {sorted(GATES)}, got {gate!r}")
    return _INPUTS.copy(), GATES[gate].copy()


def count_correct(w1: float, w2: float, b: float, gate: str = "and") -> int:
    """How many of the gate's four points the neuron classifies right (it says 1 where z >= 0)."""
    X, y = gate_data(gate)
    predictions = np.where(X @ np.array([w1, w2]) + b >= 0, 1.0, 0.0)
    return int(np.sum(predictions == y))


# --------------------------------------------------------------------------- the weighted vote


@dataclass
class _Vote:
    """The artists of the weighted-vote diagram that follow ``w`` and ``b``: one arrow and one label
    per weight, the bias arrow and label, the title (the formula of ``z``); also the input circles,
    the sum's circle and its sign, since thick arrows touch them: redrawn with the arrows, in the
    order of a full draw (the input circles under the arrows, the sum's circle over them)."""

    inputs: list[Circle]
    arrows: list[FancyArrowPatch]
    labels: list[Text]
    bias_arrow: FancyArrowPatch
    bias_label: Text
    sum_circle: Circle
    sum_sign: Text
    title: Text

    def artists(self) -> tuple[Artist, ...]:
        pairs = [artist for pair in zip(self.inputs, self.arrows) for artist in pair]
        return (*pairs, self.bias_arrow, self.sum_circle, *self.labels, self.bias_label, self.sum_sign, self.title)


def _build_neuron(ax: Axes, d: int, activation: str = "step", x: np.ndarray | None = None) -> _Vote:
    """The diagram of a neuron with ``d`` inputs (values ``x`` ``(d,)`` if given), its ``w``-dependent
    artists unset (see :func:`_show_weights`)."""
    ax.set_xlim(-0.2, 4.6)
    ax.set_ylim(-0.9, d + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.xaxis.set_visible(False)  # axis("off") still makes (unseen) ticks on every draw: these make none
    ax.yaxis.set_visible(False)
    ys = np.linspace(d, 0.4, d) if d > 1 else np.array([d / 2 + 0.3])
    sum_xy = (2.4, (d + 0.4) / 2)
    bias_xy = (2.4, -0.55)
    inputs, arrows, labels = [], [], []
    for j, yj in enumerate(ys):
        inputs.append(ax.add_patch(Circle((0.3, yj), 0.28, facecolor="#eeeeee", edgecolor="black")))
        name = sub("x", j + 1) if x is None else f"{sub('x', j + 1)}={x[j]:g}"
        ax.text(0.3, yj + 0.42, name, ha="center", va="bottom", fontsize=9)
        arrows.append(ax.add_patch(FancyArrowPatch((0.6, yj), (sum_xy[0] - 0.35, sum_xy[1]), arrowstyle="-|>",
                                                   mutation_scale=10)))
        t = 0.3  # the label sits 30% of the way along the arrow, just above it
        mid = ((1 - t) * 0.6 + t * (sum_xy[0] - 0.35), (1 - t) * yj + t * sum_xy[1])
        labels.append(ax.text(mid[0], mid[1] + 0.1, "", ha="center", va="bottom", fontsize=9,
                              bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.85)))
    bias_arrow = ax.add_patch(FancyArrowPatch(bias_xy, (sum_xy[0], sum_xy[1] - 0.35), arrowstyle="-|>", mutation_scale=10))
    bias_label = ax.text(bias_xy[0], bias_xy[1] - 0.1, "", ha="center", va="top", fontsize=9)
    sum_circle = ax.add_patch(Circle(sum_xy, 0.35, facecolor="white", edgecolor="black"))
    sum_sign = ax.text(*sum_xy, "Σ", ha="center", va="center", fontsize=13)
    box_xy = (3.5, sum_xy[1])
    ax.add_patch(FancyArrowPatch((sum_xy[0] + 0.35, sum_xy[1]), (box_xy[0] - 0.4, box_xy[1]), arrowstyle="-|>", mutation_scale=10))
    ax.text(*box_xy, activation, ha="center", va="center", fontsize=9, bbox=dict(boxstyle="round", facecolor="#fff3c4"))
    ax.add_patch(FancyArrowPatch((box_xy[0] + 0.45, box_xy[1]), (4.5, box_xy[1]), arrowstyle="-|>", mutation_scale=10))
    ax.set_title("", fontsize=10, y=1.0)
    return _Vote(inputs, arrows, labels, bias_arrow, bias_label, sum_circle, sum_sign, ax.title)


def _show_weights(vote: _Vote, w: np.ndarray, b: float) -> None:
    """Arrow widths ``|w_j|`` (blue positive, red negative), the labels and the formula for ``w`` ``(D,)`` and ``b``."""
    biggest = max(1.0, float(np.max(np.abs(w))), abs(float(b)))
    for j, (wj, arrow, label) in enumerate(zip(w, vote.arrows, vote.labels)):
        colour = "#1f77b4" if wj >= 0 else "#d62728"
        arrow.set_linewidth(0.5 + 3.5 * abs(wj) / biggest)
        arrow.set_color(colour)
        label.set_text(f"{sub('w', j + 1)}={wj:+.2g}")
        label.set_color(colour)
    colour = "#1f77b4" if b >= 0 else "#d62728"
    vote.bias_arrow.set_linewidth(0.5 + 3.5 * abs(b) / biggest)
    vote.bias_arrow.set_color(colour)
    vote.bias_label.set_text(f"bias b={b:+.2g}")
    vote.bias_label.set_color(colour)
    terms = " ".join(f"{wj:+.2g}{sub('x', j + 1)}" for j, wj in enumerate(w))
    vote.title.set_text(f"z = {terms} {b:+.2g}")


def _draw_neuron(ax: Axes, w: np.ndarray, b: float, x: np.ndarray | None = None, activation: str = "step") -> None:
    """Inputs on the left, one arrow per weight into the sum, then the activation and the output."""
    w = np.atleast_1d(np.asarray(w, dtype=float))
    vote = _build_neuron(ax, len(w), activation, x)
    _show_weights(vote, w, float(b))
    if x is not None:  # z and the output (neuron_diagram only)
        sum_x, sum_y = vote.sum_circle.center
        z = float(np.dot(np.asarray(x, dtype=float), w) + b)
        out = float(activate(z, activation))
        ax.text(sum_x, sum_y + 0.45, f"z={z:+.3g}", ha="center", va="bottom", fontsize=9)
        ax.text(4.5, sum_y + 0.2, f"{out:.3g}", ha="right", va="bottom", fontsize=10, weight="bold")


def neuron_diagram(w: Any = (1.0, 1.0), b: float = -1.5, x: Any = None, activation: str = "step") -> Figure:
    """The neuron as a weighted vote: arrow widths show ``|w_j|`` (blue positive, red negative).

    With ``x`` given (a ``(D,)`` input) the diagram also shows ``z = x @ w + b`` and the output.
    """
    w = np.atleast_1d(np.asarray(w, dtype=float))
    figure = new_figure(5.0, 2.2 + 0.5 * len(w))
    _draw_neuron(figure.add_subplot(), w, float(b), None if x is None else np.asarray(x, dtype=float), activation)
    return figure


# --------------------------------------------------------------------------- the decision line


def _line(w1: float, w2: float, b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Where to draw the line ``w1*x1 + w2*x2 + b = 0`` across the square: ``(xs (2,), ys (2,), foot (2,),
    unit (2,))``, ``foot`` being the line's point closest to the square's centre and ``unit`` = ``w/|w|``.
    None when ``w = 0``: then there is no line at all."""
    lo, hi = _LIMITS
    norm = np.hypot(w1, w2)
    if norm < 1e-12:
        return None
    if abs(w2) >= abs(w1):
        xs = np.array([lo, hi])
        ys = -(w1 * xs + b) / w2
    else:
        ys = np.array([lo, hi])
        xs = -(w2 * ys + b) / w1
    centre = np.array([0.5, 0.5])
    unit = np.array([w1, w2]) / norm
    foot = centre - (unit @ centre + b / norm) * unit
    return xs, ys, foot, unit


def _foot_inside(foot: np.ndarray) -> bool:
    """Whether the arrow along ``w`` (drawn from ``foot``) starts inside the square."""
    lo, hi = _LIMITS
    return bool(np.all((foot > lo) & (foot < hi)))


def _boundary(ax: Axes, w1: float, w2: float, b: float, colour: str = "black", label: str | None = None) -> bool:
    """Draw the line ``w1*x1 + w2*x2 + b = 0`` and an arrow along ``w`` (towards the side called 1).

    Returns False (and draws nothing) when ``w = 0``: then there is no line at all.
    """
    line = _line(w1, w2, b)
    if line is None:
        return False
    xs, ys, foot, unit = line
    ax.plot(xs, ys, color=colour, linewidth=2, label=label)
    if _foot_inside(foot):
        ax.add_patch(FancyArrowPatch(tuple(foot), tuple(foot + 0.35 * unit), arrowstyle="-|>", mutation_scale=12, color=colour))
        ax.text(*(foot + 0.42 * unit), "w", ha="center", va="center", fontsize=10, style="italic")
    return True


def _points(ax: Axes, X: np.ndarray, y: np.ndarray, predictions: np.ndarray | None = None) -> list[Artist]:
    """The gate's points ``X`` ``(4, 2)`` coloured by target ``y`` ``(4,)``, red rings where ``predictions``
    differ (with ``predictions`` given, the rings' collection is the second last artist returned, even
    with no ring), and the targets written on them. Returns the artists, in the order they were added."""
    added: list[Artist] = []
    for target in (0.0, 1.0):
        rows = y == target
        added.append(ax.scatter(X[rows, 0], X[rows, 1], s=160, color=_COLOURS[target], edgecolor="black", zorder=3,
                                marker="o" if target else "s", label=f"target {target:g}"))
    if predictions is not None:
        wrong = predictions != y
        added.append(ax.scatter(X[wrong, 0], X[wrong, 1], s=420, facecolor="none", edgecolor="red", linewidth=2,
                                zorder=4, label="wrong"))
    for (a, c), t in zip(X, y):
        added.append(ax.text(a, c, f"{t:g}", ha="center", va="center", fontsize=9, color="white", weight="bold", zorder=5))
    return added


@dataclass
class _Plane:
    """The artists of the (x1, x2) plane that follow ``w1, w2, b``: the activation's shading, the
    line, the arrow along ``w`` and its label, the red rings, the title. The points, their labels and
    the spines are drawn over the shading, so they are redrawn with it (``over``)."""

    gate: str
    X: np.ndarray  # (4, 2) the gate's inputs
    y: np.ndarray  # (4,) its targets
    activation: str
    shade: AxesImage
    line: Line2D
    arrow: FancyArrowPatch
    arrow_label: Text
    wrong: PathCollection
    title: Text
    over: list[Artist]

    def artists(self) -> tuple[Artist, ...]:
        return self.shade, self.arrow, self.line, self.arrow_label, *self.over, self.wrong, self.title


def _build_plane(ax: Axes, activation: str, gate: str, colorbar: bool = True) -> _Plane:
    """The plane of ``gate``'s points with ``activation``'s colour scale; what follows ``w`` unset (see :func:`_show_plane`)."""
    lo, hi = _LIMITS
    vmin, vmax = ACTIVATIONS[activation][1]
    shade = ax.imshow(np.zeros((2, 2)), origin="lower", extent=(lo, hi, lo, hi), cmap="PiYG", vmin=vmin, vmax=vmax,
                      alpha=0.55, interpolation="nearest" if activation == "step" else "bilinear")
    line = ax.plot([], [], color="black", linewidth=2)[0]
    arrow = ax.add_patch(FancyArrowPatch((0.0, 0.0), (0.0, 0.0), arrowstyle="-|>", mutation_scale=12, color="black"))
    arrow_label = ax.text(0.0, 0.0, "w", ha="center", va="center", fontsize=10, style="italic")
    X, y = gate_data(gate)
    points = _points(ax, X, y, predictions=y)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("x₁", labelpad=-6)
    ax.set_ylabel("x₂", labelpad=-6)
    # A title with y given is not re-placed above the ticks on every draw (none are on top here: same place).
    ax.set_title("", fontsize=11, y=1.0)
    if colorbar:
        bar = ax.figure.colorbar(shade, ax=ax, shrink=0.8, label=f"{activation}(z)")
        bar.set_ticks(np.linspace(vmin, vmax, 3))
    wrong = points.pop(2)
    over = [*ax.spines.values(), *points]
    return _Plane(gate, X, y, activation, shade, line, arrow, arrow_label, wrong, ax.title, over)


def _show_plane(plane: _Plane, w1: float, w2: float, b: float, title: str | None = None) -> int:
    """Shade ``activation(w1*x1 + w2*x2 + b)`` over the plane, draw the line, ring the points the
    neuron gets wrong, and title it (``title``, else the count of correct points). Returns that count."""
    lo, hi = _LIMITS
    grid = np.linspace(lo, hi, 121)
    g1, g2 = np.meshgrid(grid, grid)
    plane.shade.set_data(activate(w1 * g1 + w2 * g2 + b, plane.activation))
    predictions = np.where(plane.X @ np.array([w1, w2]) + b >= 0, 1.0, 0.0)
    correct = int(np.sum(predictions == plane.y))
    plane.wrong.set_offsets(plane.X[predictions != plane.y])
    line = _line(w1, w2, b)
    plane.line.set_visible(line is not None)
    arrow_shown = line is not None and _foot_inside(line[2])
    plane.arrow.set_visible(arrow_shown)
    plane.arrow_label.set_visible(arrow_shown)
    if line is not None:
        xs, ys, foot, unit = line
        plane.line.set_data(xs, ys)
        plane.arrow.set_positions(tuple(foot), tuple(foot + 0.35 * unit))
        plane.arrow_label.set_position(tuple(foot + 0.42 * unit))
    if title is None:
        verdict = "solved!" if correct == 4 else ("no line: w = 0" if line is None else "")
        title = f"{plane.gate.upper()}: {correct}/4 correct  {verdict}".rstrip()
    plane.title.set_text(title)
    return correct


def _fixed_layout_figure() -> Figure:
    """An 8.6 x 3.6 inch figure whose axes are placed by hand: the widgets redraw it often, and
    skipping the layout engine's measuring pass makes every redraw about a third faster."""
    figure = new_figure(8.6, 3.6)
    figure.set_layout_engine("none")
    return figure


@dataclass
class _NeuronPicture:
    """:func:`neuron_figure`'s figure and the artists a new ``w1, w2, b`` changes."""

    figure: Figure
    vote: _Vote
    plane: _Plane

    def artists(self) -> tuple[Artist, ...]:
        return (*self.vote.artists(), *self.plane.artists())


def _build_neuron_figure(activation: str, gate: str) -> _NeuronPicture:
    """What does not depend on ``w1, w2, b``: the diagram's frame, the gate's points, the colour bar."""
    if gate not in GATES:
        raise ValueError(f"gate must be one of {sorted(GATES)}, got {gate!r}")
    activate(0.0, activation)  # validates the name
    figure = _fixed_layout_figure()
    left = figure.add_axes((0.0, 0.02, 0.42, 0.88))
    right = figure.add_axes((0.47, 0.13, 0.48, 0.77))
    return _NeuronPicture(figure, _build_neuron(left, 2, activation), _build_plane(right, activation, gate))


def _show_neuron(picture: _NeuronPicture, w1: float, w2: float, b: float) -> int:
    """Put the neuron ``w1, w2, b`` into ``picture``; returns how many points it gets right."""
    _show_weights(picture.vote, np.array([w1, w2], dtype=float), float(b))
    return _show_plane(picture.plane, float(w1), float(w2), float(b))


def neuron_figure(w1: float, w2: float, b: float, activation: str = "step", gate: str = "and") -> Figure:
    """One neuron on one gate: its diagram (left) and its decision in the plane (right).

    The neuron says 1 where ``z = w1*x1 + w2*x2 + b >= 0``: the line ``z = 0`` is the decision
    boundary whatever the activation; the activation only changes the shading (how sure it looks).
    Points are coloured by their target; a red ring marks a point the neuron gets wrong.
    """
    picture = _build_neuron_figure(activation, gate)
    _show_neuron(picture, w1, w2, b)
    return picture.figure


class NeuronExplorer(FigureExplorer):
    """Sliders for ``w1``, ``w2``, ``b``; dropdowns for the activation and the gate.

    Try to get 4/4 on AND, OR and NAND, then try XOR. ``correct`` is the current count.
    """

    _held = ("_live", "_picture")  # a retired explorer lets go of its figure

    def __init__(self, w1: float = 1.0, w2: float = 1.0, b: float = -0.5, activation: str = "step", gate: str = "and"):
        # One figure per (activation, gate): the sliders only redraw the artists of _NeuronPicture over it.
        self._live: LivePicture | None = None
        self._picture: _NeuronPicture | None = None
        self._shown: tuple[str, str] | None = None
        slider = dict(min=-3.0, max=3.0, step=0.1, continuous_update=False, readout_format=".1f")
        controls = {
            "w1": widgets.FloatSlider(value=w1, description="w1", **slider),
            "w2": widgets.FloatSlider(value=w2, description="w2", **slider),
            "b": widgets.FloatSlider(value=b, description="b", **slider),
            "activation": widgets.Dropdown(options=list(ACTIVATIONS), value=activation, description="activation"),
            "gate": widgets.Dropdown(
                options=[("AND", "and"), ("OR", "or"), ("XOR", "xor"), ("NAND", "nand")], value=gate, description="data"
            ),
        }
        super().__init__(controls, self._draw_live)

    def _draw_live(self, w1: float, w2: float, b: float, activation: str, gate: str) -> LivePicture:
        if self._shown != (activation, gate):  # a dropdown: a new figure (rare)
            self._picture = _build_neuron_figure(activation, gate)
            self._live = LivePicture(self._picture.figure)
            self._live.moving(*self._picture.artists())
            self._shown = (activation, gate)
        _show_neuron(self._picture, w1, w2, b)
        return self._live

    @property
    def correct(self) -> int:
        """How many of the current gate's four points the current neuron gets right."""
        v = self.values()
        return count_correct(v["w1"], v["w2"], v["b"], v["gate"])


# --------------------------------------------------------------------------- the perceptron rule, live


@dataclass
class _PerceptronPicture:
    """:func:`perceptron_figure`'s figure and the artists a step changes: the plane, the ring round
    the sample just visited, the bars of finished epochs and of the epoch in progress, and the
    legend (drawn over the bars)."""

    figure: Figure
    plane: _Plane
    visited: PathCollection
    finished: PolyCollection
    in_progress: PolyCollection
    legend: Legend

    def artists(self) -> tuple[Artist, ...]:
        return (*self.plane.artists(), self.visited, self.finished, self.in_progress, self.legend)


def _build_perceptron_figure(gate: str, max_epochs: int) -> _PerceptronPicture:
    """What does not change while the perceptron learns ``gate``: the points, the axes, the legend."""
    figure = _fixed_layout_figure()
    left = figure.add_axes((0.06, 0.13, 0.38, 0.72))
    right = figure.add_axes((0.57, 0.13, 0.41, 0.77))
    plane = _build_plane(left, "step", gate, colorbar=False)
    visited = left.scatter([], [], s=800, facecolor="none", linewidth=2.5, zorder=6, linestyle="--", edgecolor="#1f4e9e")
    # Bars as one collection each (new data every step), not one Rectangle per epoch.
    finished = right.add_collection(PolyCollection([], facecolors=_FINISHED, edgecolors="none", linewidths=0), autolim=False)
    in_progress = right.add_collection(PolyCollection([], facecolors=_IN_PROGRESS, edgecolors="none", linewidths=0),
                                       autolim=False)
    right.set_xlim(0.4, max_epochs + 0.6)
    right.set_ylim(0, 4.5)
    right.set_yticks(range(5))
    right.set_xlabel("epoch")
    right.set_ylabel("mistakes during the epoch")
    right.set_title("perceptron mistakes per epoch", fontsize=11, y=1.0)
    legend = right.legend(handles=[Patch(color=_FINISHED, label="finished epochs"),
                                   Patch(color=_IN_PROGRESS, label="epoch in progress")], loc="upper right", fontsize=8)
    return _PerceptronPicture(figure, plane, visited, finished, in_progress, legend)


def _bars(epochs: np.ndarray, heights: np.ndarray) -> np.ndarray:
    """Bars 0.8 wide centred on ``epochs`` ``(K,)``, ``heights`` ``(K,)`` high, as ``(K, 4, 2)`` corners."""
    left, right = epochs - 0.4, epochs + 0.4
    low = np.zeros_like(heights)
    return np.stack([np.stack([left, low], 1), np.stack([left, heights], 1), np.stack([right, heights], 1),
                     np.stack([right, low], 1)], 1)


def _show_perceptron(picture: _PerceptronPicture, w: Any, b: float, errors: list[int], current_errors: int,
                     last: int | None, last_wrong: bool, epoch: int, max_epochs: int) -> None:
    """Put the perceptron's state (see :func:`perceptron_figure`) into ``picture``."""
    w = np.asarray(w, dtype=float)
    X = picture.plane.X
    if epoch >= max_epochs:
        title = f"done after {max_epochs} epochs"
    elif last is None:
        title = "start: w = 0, b = 0"
    else:
        visited = "".join(f"{v:g}" for v in X[last])
        title = f"epoch {epoch + 1}, visited {visited}: " + ("mistake, update" if last_wrong else "right, no change")
    title += f"\nw = ({w[0]:.3g}, {w[1]:.3g}), b = {b:.3g}"
    _show_plane(picture.plane, float(w[0]), float(w[1]), float(b), title=title)
    picture.visited.set_offsets(X[[] if last is None else [last]])
    picture.finished.set_verts(_bars(np.arange(1.0, len(errors) + 1), np.asarray(errors, dtype=float)))
    now = [len(errors) + 1.0] if epoch < max_epochs else []
    picture.in_progress.set_verts(_bars(np.array(now), np.array([float(current_errors)] * len(now))))


def perceptron_figure(
    gate: str,
    w: Any,
    b: float,
    errors: list[int],
    current_errors: int = 0,
    last: int | None = None,
    last_wrong: bool = False,
    epoch: int = 0,
    max_epochs: int = 20,
) -> Figure:
    """The perceptron's current line on a gate's points (left) and its mistakes per epoch (right).

    ``last`` is the index of the sample just visited (a dashed blue ring; ``last_wrong`` says
    whether the rule had to update), ``errors`` the mistakes of each finished epoch, ``current_errors`` those of the
    epoch in progress.
    """
    picture = _build_perceptron_figure(gate, max_epochs)
    _show_perceptron(picture, w, b, errors, current_errors, last, last_wrong, epoch, max_epochs)
    return picture.figure


class PerceptronExplorer(PlayLoop, widgets.VBox):
    """Watch the perceptron rule on a gate, one sample at a time.

    ``Play`` runs in a background thread (the kernel stays free; ``Pause`` stops it at once), one
    sample at most every ``interval`` seconds; ``Step`` visits one sample, ``Reset`` starts again from ``w = 0, b = 0``.
    Tests and scripts call :meth:`step` instead. The picture is redrawn every ``redraw_every``
    samples while playing. Training stops by itself after ``max_epochs`` epochs.
    """

    _held = ("_live", "_picture")  # a retired explorer lets go of its figure

    def __init__(self, gate: str = "and", lr: float = 1.0, max_epochs: int = 20, interval: float = 0.075, redraw_every: int = 1):
        # One figure per gate: a step only redraws the artists of _PerceptronPicture over it.
        self._live: LivePicture | None = None
        self._picture: _PerceptronPicture | None = None
        self._shown_gate: str | None = None
        self.max_epochs = int(max_epochs)
        self.interval = float(interval)
        self.redraw_every = max(1, int(redraw_every))
        self.gate = widgets.Dropdown(
            options=[("AND", "and"), ("OR", "or"), ("XOR", "xor"), ("NAND", "nand")], value=gate, description="data"
        )
        self.lr = widgets.FloatSlider(value=lr, min=0.1, max=2.0, step=0.1, description="lr", continuous_update=False)
        self.play = widgets.ToggleButton(value=False, description="Play", icon="play", tooltip="Play / Pause")
        self.step_button = widgets.Button(description="Step", icon="step-forward", tooltip="visit one sample")
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="back to w = 0, b = 0")
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.redraw_count = 0
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.gate.observe(lambda _change: self.reset(), names="value")
        self.lr.observe(lambda _change: self.reset(), names="value")
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step(1))
        self.reset_button.on_click(lambda _button: self.reset())
        controls = widgets.HBox([self.gate, self.lr, self.play, self.step_button, self.reset_button],
                                layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([controls, self.image])
        self.reset()

    # ---- state
    def reset(self) -> None:
        """Back to ``w = 0, b = 0``, epoch 0, no mistakes; stops playing."""
        self.pause()
        with self._lock:
            self.w = np.zeros(2)
            self.b = 0.0
            self.epoch = 0  # finished epochs
            self.index = 0  # next sample to visit
            self.errors: list[int] = []
            self.current_errors = 0
            self.last: int | None = None
            self.last_wrong = False
            self.samples_seen = 0
            self.redraw()

    @property
    def finished(self) -> bool:
        return self.epoch >= self.max_epochs

    def _visit_one(self) -> None:
        """The perceptron rule on the next sample (in order 00, 01, 10, 11)."""
        X, y = gate_data(self.gate.value)
        i = self.index
        prediction = 1.0 if X[i] @ self.w + self.b >= 0 else 0.0
        change = self.lr.value * (y[i] - prediction)
        self.w = self.w + change * X[i]
        self.b = self.b + change
        self.last, self.last_wrong = i, bool(prediction != y[i])
        self.current_errors += int(self.last_wrong)
        self.samples_seen += 1
        self.index += 1
        if self.index == len(y):
            self.errors.append(self.current_errors)
            self.current_errors = 0
            self.index = 0
            self.epoch += 1

    def step(self, n: int = 1) -> None:
        """Visit ``n`` samples (fewer if the last epoch ends), then redraw once."""
        with self._lock:
            for _ in range(int(n)):
                if self.finished:
                    break
                self._visit_one()
            self.redraw()

    def redraw(self) -> None:
        with self._lock:
            if self._shown_gate != self.gate.value:  # a new gate: a new figure (rare); a step only redraws what moved
                self._picture = _build_perceptron_figure(self.gate.value, self.max_epochs)
                self._live = LivePicture(self._picture.figure)
                self._live.moving(*self._picture.artists())
                self._shown_gate = self.gate.value
            _show_perceptron(self._picture, self.w, self.b, self.errors, self.current_errors, self.last, self.last_wrong,
                             self.epoch, self.max_epochs)
            self.image.value = self._live.png()
            self.redraw_count += 1
            self._drawn_samples = self.samples_seen

    # ---- play / pause
    def _before_play(self) -> bool:
        return not self.finished

    def _run(self) -> None:
        visited = 0
        while not self._stop.is_set():
            with self._lock:
                if self._stop.is_set() or self.finished:
                    break
                self._visit_one()
                visited += 1
                if visited % self.redraw_every == 0 or self.finished:
                    self.redraw()
            self._wait_next_frame()
        with self._lock:
            if self._drawn_samples != self.samples_seen:  # paused between two redraws: show the last state
                self.redraw()
        if self.finished:
            self.play.value = False  # calls pause(), which sees it runs in this thread and does not join

# --------------------------------------------------------------------------- two layers: XOR


def hidden_layer_figure(hidden: list[tuple[Any, float]], output: tuple[Any, float], gate: str = "xor") -> Figure:
    """A hidden layer of two step neurons, then one output neuron, on a gate's four points.

    ``hidden`` is ``[(w_a, b_a), (w_b, b_b)]`` (each ``w`` of shape ``(2,)``), ``output`` is
    ``(w_out, b_out)``. Left: the inputs with the two hidden neurons' lines. Right: the same four
    points as the hidden layer sees them, ``h = (step(x @ w_a + b_a), step(x @ w_b + b_b))``,
    with the output neuron's line. Points are coloured by the gate's target.
    """
    X, y = gate_data(gate)
    figure = new_figure(8.6, 3.8)
    left, right = figure.subplots(1, 2)
    lo, hi = _LIMITS
    styles = ["#1f4e9e", "#7b3294"]
    H = np.zeros((len(X), len(hidden)))
    for k, ((w, b), colour) in enumerate(zip(hidden, styles)):
        w = np.asarray(w, dtype=float)
        _boundary(left, float(w[0]), float(w[1]), float(b), colour=colour, label=f"{sub('h', k + 1)} = 0 line")
        H[:, k] = np.where(X @ w + b >= 0, 1.0, 0.0)
    _points(left, X, y)
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=7)
    left.set_title("inputs x and the hidden neurons' lines", fontsize=10)
    w_out, b_out = np.asarray(output[0], dtype=float), float(output[1])
    predictions = np.where(H @ w_out + b_out >= 0, 1.0, 0.0)
    _boundary(right, float(w_out[0]), float(w_out[1]), b_out)
    # Several inputs can land on the same hidden point: nudge them apart so every one is visible.
    jitter = np.zeros_like(H)
    for i in range(len(H)):
        same = [j for j in range(i) if np.array_equal(H[j], H[i])]
        jitter[i] = 0.09 * len(same) * np.array([1.0, -1.0])
    _points(right, H + jitter, y, predictions)
    for i in range(len(X)):
        source = "".join(f"{v:g}" for v in X[i])
        right.annotate(f"from {source}", H[i] + jitter[i], xytext=(12, -4), textcoords="offset points", fontsize=8)
    correct = int(np.sum(predictions == y))
    right.set_title(f"hidden layer h and the output line: {correct}/4 correct", fontsize=10)
    for ax, names in ((left, ("x₁", "x₂")), (right, ("h₁", "h₂"))):
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        ax.set_aspect("equal")
        ax.set_xlabel(names[0])
        ax.set_ylabel(names[1])
    return figure

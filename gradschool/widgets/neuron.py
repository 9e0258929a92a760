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
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, Patch

from gradschool.widgets.base import PlayLoop, FigureExplorer, figure_png, new_figure
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
# Symbols are written in Unicode (x₁, Σ), not mathtext ($x_1$): every redraw is a new figure, and
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


def _draw_neuron(ax: Axes, w: np.ndarray, b: float, x: np.ndarray | None = None, activation: str = "step") -> None:
    """Inputs on the left, one arrow per weight into the sum, then the activation and the output."""
    w = np.atleast_1d(np.asarray(w, dtype=float))
    d = len(w)
    ax.set_xlim(-0.2, 4.6)
    ax.set_ylim(-0.9, d + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.xaxis.set_visible(False)  # axis("off") still makes (unseen) ticks on every draw: these make none
    ax.yaxis.set_visible(False)
    ys = np.linspace(d, 0.4, d) if d > 1 else np.array([d / 2 + 0.3])
    sum_xy = (2.4, (d + 0.4) / 2)
    bias_xy = (2.4, -0.55)
    biggest = max(1.0, float(np.max(np.abs(w))), abs(float(b)))
    for j, (wj, yj) in enumerate(zip(w, ys)):
        label = sub("x", j + 1) if x is None else f"{sub('x', j + 1)}={x[j]:g}"
        ax.add_patch(Circle((0.3, yj), 0.28, facecolor="#eeeeee", edgecolor="black"))
        ax.text(0.3, yj + 0.42, label, ha="center", va="bottom", fontsize=9)
        colour = "#1f77b4" if wj >= 0 else "#d62728"
        ax.add_patch(
            FancyArrowPatch(
                (0.6, yj), (sum_xy[0] - 0.35, sum_xy[1]), arrowstyle="-|>", mutation_scale=10,
                linewidth=0.5 + 3.5 * abs(wj) / biggest, color=colour,
            )
        )
        t = 0.3  # the label sits 30% of the way along the arrow, just above it
        mid = ((1 - t) * 0.6 + t * (sum_xy[0] - 0.35), (1 - t) * yj + t * sum_xy[1])
        ax.text(mid[0], mid[1] + 0.1, f"{sub('w', j + 1)}={wj:+.2g}", color=colour, ha="center", va="bottom", fontsize=9,
                bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.85))
    colour = "#1f77b4" if b >= 0 else "#d62728"
    ax.add_patch(
        FancyArrowPatch(bias_xy, (sum_xy[0], sum_xy[1] - 0.35), arrowstyle="-|>", mutation_scale=10,
                        linewidth=0.5 + 3.5 * abs(b) / biggest, color=colour)
    )
    ax.text(bias_xy[0], bias_xy[1] - 0.1, f"bias b={b:+.2g}", color=colour, ha="center", va="top", fontsize=9)
    ax.add_patch(Circle(sum_xy, 0.35, facecolor="white", edgecolor="black"))
    ax.text(*sum_xy, "Σ", ha="center", va="center", fontsize=13)
    box_xy = (3.5, sum_xy[1])
    ax.add_patch(FancyArrowPatch((sum_xy[0] + 0.35, sum_xy[1]), (box_xy[0] - 0.4, box_xy[1]), arrowstyle="-|>", mutation_scale=10))
    ax.text(*box_xy, activation, ha="center", va="center", fontsize=9, bbox=dict(boxstyle="round", facecolor="#fff3c4"))
    ax.add_patch(FancyArrowPatch((box_xy[0] + 0.45, box_xy[1]), (4.5, box_xy[1]), arrowstyle="-|>", mutation_scale=10))
    terms = " ".join(f"{wj:+.2g}{sub('x', j + 1)}" for j, wj in enumerate(w))
    ax.set_title(f"z = {terms} {b:+.2g}", fontsize=10, y=1.0)
    if x is not None:
        z = float(np.dot(np.asarray(x, dtype=float), w) + b)
        out = float(activate(z, activation))
        ax.text(sum_xy[0], sum_xy[1] + 0.45, f"z={z:+.3g}", ha="center", va="bottom", fontsize=9)
        ax.text(4.5, box_xy[1] + 0.2, f"{out:.3g}", ha="right", va="bottom", fontsize=10, weight="bold")


def neuron_diagram(w: Any = (1.0, 1.0), b: float = -1.5, x: Any = None, activation: str = "step") -> Figure:
    """The neuron as a weighted vote: arrow widths show ``|w_j|`` (blue positive, red negative).

    With ``x`` given (a ``(D,)`` input) the diagram also shows ``z = x @ w + b`` and the output.
    """
    w = np.atleast_1d(np.asarray(w, dtype=float))
    figure = new_figure(5.0, 2.2 + 0.5 * len(w))
    _draw_neuron(figure.add_subplot(), w, float(b), None if x is None else np.asarray(x, dtype=float), activation)
    return figure


# --------------------------------------------------------------------------- the decision line


def _boundary(ax: Axes, w1: float, w2: float, b: float, colour: str = "black", label: str | None = None) -> bool:
    """Draw the line ``w1*x1 + w2*x2 + b = 0`` and an arrow along ``w`` (towards the side called 1).

    Returns False (and draws nothing) when ``w = 0``: then there is no line at all.
    """
    lo, hi = _LIMITS
    norm = np.hypot(w1, w2)
    if norm < 1e-12:
        return False
    if abs(w2) >= abs(w1):
        xs = np.array([lo, hi])
        ys = -(w1 * xs + b) / w2
    else:
        ys = np.array([lo, hi])
        xs = -(w2 * ys + b) / w1
    ax.plot(xs, ys, color=colour, linewidth=2, label=label)
    # The point of the line closest to the centre of the square, and the unit normal w/|w| from it.
    centre = np.array([0.5, 0.5])
    unit = np.array([w1, w2]) / norm
    foot = centre - (unit @ centre + b / norm) * unit
    if np.all((foot > lo) & (foot < hi)):
        ax.add_patch(FancyArrowPatch(tuple(foot), tuple(foot + 0.35 * unit), arrowstyle="-|>", mutation_scale=12, color=colour))
        ax.text(*(foot + 0.42 * unit), "w", ha="center", va="center", fontsize=10, style="italic")
    return True


def _points(ax: Axes, X: np.ndarray, y: np.ndarray, predictions: np.ndarray | None = None) -> None:
    for target in (0.0, 1.0):
        rows = y == target
        ax.scatter(X[rows, 0], X[rows, 1], s=160, color=_COLOURS[target], edgecolor="black", zorder=3,
                   marker="o" if target else "s", label=f"target {target:g}")
    if predictions is not None:
        wrong = predictions != y
        ax.scatter(X[wrong, 0], X[wrong, 1], s=420, facecolor="none", edgecolor="red", linewidth=2, zorder=4,
                   label="wrong")
    for (a, c), t in zip(X, y):
        ax.text(a, c, f"{t:g}", ha="center", va="center", fontsize=9, color="white", weight="bold", zorder=5)


def _plane(
    ax: Axes, w1: float, w2: float, b: float, activation: str, gate: str, title: str | None = None, colorbar: bool = True
) -> int:
    """Shading of the activation over the plane, the line, the gate's points. Returns # correct."""
    lo, hi = _LIMITS
    grid = np.linspace(lo, hi, 121)
    g1, g2 = np.meshgrid(grid, grid)
    shade = activate(w1 * g1 + w2 * g2 + b, activation)
    vmin, vmax = ACTIVATIONS[activation][1]
    image = ax.imshow(shade, origin="lower", extent=(lo, hi, lo, hi), cmap="PiYG", vmin=vmin, vmax=vmax,
                      alpha=0.55, interpolation="nearest" if activation == "step" else "bilinear")
    X, y = gate_data(gate)
    predictions = np.where(X @ np.array([w1, w2]) + b >= 0, 1.0, 0.0)
    correct = int(np.sum(predictions == y))
    has_line = _boundary(ax, w1, w2, b)
    _points(ax, X, y, predictions)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("x₁", labelpad=-6)
    ax.set_ylabel("x₂", labelpad=-6)
    if title is None:
        verdict = "solved!" if correct == 4 else ("no line: w = 0" if not has_line else "")
        title = f"{gate.upper()}: {correct}/4 correct  {verdict}".rstrip()
    # A title with y given is not re-placed above the ticks on every draw (none are on top here: same place).
    ax.set_title(title, fontsize=11, y=1.0)
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, shrink=0.8, label=f"{activation}(z)")
        bar.set_ticks(np.linspace(vmin, vmax, 3))
    return correct


def _fixed_layout_figure() -> Figure:
    """An 8.6 x 3.6 inch figure whose axes are placed by hand: the widgets redraw it often, and
    skipping the layout engine's measuring pass makes every redraw about a third faster."""
    figure = new_figure(8.6, 3.6)
    figure.set_layout_engine("none")
    return figure


def neuron_figure(w1: float, w2: float, b: float, activation: str = "step", gate: str = "and") -> Figure:
    """One neuron on one gate: its diagram (left) and its decision in the plane (right).

    The neuron says 1 where ``z = w1*x1 + w2*x2 + b >= 0``: the line ``z = 0`` is the decision
    boundary whatever the activation; the activation only changes the shading (how sure it looks).
    Points are coloured by their target; a red ring marks a point the neuron gets wrong.
    """
    if gate not in GATES:
        raise ValueError(f"gate must be one of {sorted(GATES)}, got {gate!r}")
    activate(0.0, activation)  # validates the name
    figure = _fixed_layout_figure()
    left = figure.add_axes((0.0, 0.02, 0.42, 0.88))
    right = figure.add_axes((0.47, 0.13, 0.48, 0.77))
    _draw_neuron(left, np.array([w1, w2], dtype=float), float(b), activation=activation)
    _plane(right, float(w1), float(w2), float(b), activation, gate)
    return figure


class NeuronExplorer(FigureExplorer):
    """Sliders for ``w1``, ``w2``, ``b``; dropdowns for the activation and the gate.

    Try to get 4/4 on AND, OR and NAND, then try XOR. ``correct`` is the current count.
    """

    def __init__(self, w1: float = 1.0, w2: float = 1.0, b: float = -0.5, activation: str = "step", gate: str = "and"):
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
        super().__init__(controls, neuron_figure)

    @property
    def correct(self) -> int:
        """How many of the current gate's four points the current neuron gets right."""
        v = self.values()
        return count_correct(v["w1"], v["w2"], v["b"], v["gate"])


# --------------------------------------------------------------------------- the perceptron rule, live


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
    w = np.asarray(w, dtype=float)
    figure = _fixed_layout_figure()
    left = figure.add_axes((0.06, 0.13, 0.38, 0.72))
    right = figure.add_axes((0.57, 0.13, 0.41, 0.77))
    X, _ = gate_data(gate)
    if epoch >= max_epochs:
        title = f"done after {max_epochs} epochs"
    elif last is None:
        title = "start: w = 0, b = 0"
    else:
        visited = "".join(f"{v:g}" for v in X[last])
        title = f"epoch {epoch + 1}, visited {visited}: " + ("mistake, update" if last_wrong else "right, no change")
    title += f"\nw = ({w[0]:.3g}, {w[1]:.3g}), b = {b:.3g}"
    _plane(left, float(w[0]), float(w[1]), float(b), "step", gate, title=title, colorbar=False)
    if last is not None:
        left.scatter(X[last, 0], X[last, 1], s=800, facecolor="none", linewidth=2.5, zorder=6, linestyle="--",
                     edgecolor="#1f4e9e")
    epochs = np.arange(1, len(errors) + 1)
    right.bar(epochs, errors, color=_FINISHED)
    if epoch < max_epochs:
        right.bar([len(errors) + 1], [current_errors], color=_IN_PROGRESS)
    right.set_xlim(0.4, max_epochs + 0.6)
    right.set_ylim(0, 4.5)
    right.set_yticks(range(5))
    right.set_xlabel("epoch")
    right.set_ylabel("mistakes during the epoch")
    right.set_title("perceptron mistakes per epoch", fontsize=11, y=1.0)
    right.legend(handles=[Patch(color=_FINISHED, label="finished epochs"), Patch(color=_IN_PROGRESS, label="epoch in progress")],
                 loc="upper right", fontsize=8)
    return figure


class PerceptronExplorer(PlayLoop, widgets.VBox):
    """Watch the perceptron rule on a gate, one sample at a time.

    ``Play`` runs in a background thread (the kernel stays free; ``Pause`` stops it at once), one
    sample at most every ``interval`` seconds; ``Step`` visits one sample, ``Reset`` starts again from ``w = 0, b = 0``.
    Tests and scripts call :meth:`step` instead. The picture is redrawn every ``redraw_every``
    samples while playing. Training stops by itself after ``max_epochs`` epochs.
    """

    def __init__(self, gate: str = "and", lr: float = 1.0, max_epochs: int = 20, interval: float = 0.075, redraw_every: int = 1):
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
            figure = perceptron_figure(self.gate.value, self.w, self.b, self.errors, self.current_errors,
                                       self.last, self.last_wrong, self.epoch, self.max_epochs)
            self.image.value = figure_png(figure)
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

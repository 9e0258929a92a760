"""Draw a small computational graph with every node's value and gradient (chapter 04_backprop).

``graph_figure(expression, values)`` builds one of the :data:`EXPRESSIONS` out of ``Value`` nodes,
runs ``backward()`` on its output and draws the graph left to right: inputs in the first column,
every other node in the column of its topological depth (1 + the deepest of its inputs), the output
last. Each box shows the node's ``data`` and ``grad`` (d output / d node) and is tinted by the
gradient's sign: blue where increasing the node increases the output, red where it decreases it.

:class:`GraphExplorer` puts sliders for the inputs and a menu of expressions above the same picture.

Both use :class:`gradschool.reference.autograd.Value` unless given another class with the same
interface (``.data``, ``.grad``, ``._prev``, ``._op``, ``backward()``): pass your own ``Value``
to see your engine at work. If it raises, the picture says so instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Text

from gradschool.reference.autograd import Value
from gradschool.widgets.base import FigureExplorer, new_figure
from gradschool.widgets.live import LivePicture

__all__ = ["EXPRESSIONS", "Expression", "evaluate", "graph_figure", "GraphExplorer"]


@dataclass(frozen=True)
class Input:
    """One named input of an expression and the range of its slider."""

    name: str
    default: float
    low: float = -4.0
    high: float = 4.0


@dataclass(frozen=True)
class Expression:
    """A small formula built from ``Value`` nodes.

    ``build(v, label)`` receives the inputs as a dict name -> Value and a function
    ``label(node, text)`` that names an intermediate node for display; it returns the output node.
    """

    title: str
    inputs: tuple[Input, ...]
    build: Callable[[dict, Callable], Any]
    note: str = ""


def _neuron(v, label):
    x1w1 = label(v["x1"] * v["w1"], "x1*w1")
    x2w2 = label(v["x2"] * v["w2"], "x2*w2")
    n = label(x1w1 + x2w2 + v["b"], "n")
    return label(n.tanh(), "out")


def _reuse(v, label):
    ab = label(v["a"] * v["b"], "a*b")
    return label(ab + v["a"], "out")


def _diamond(v, label):
    e = label(v["a"] * v["b"], "e")
    t = label(e.tanh(), "tanh(e)")
    return label(t * e, "out")


def _relu(v, label):
    wx = label(v["w"] * v["x"], "w*x")
    z = label(wx + v["b"], "z")
    return label(z.relu(), "out")


def _square_error(v, label):
    wx = label(v["w"] * v["x"], "w*x")
    pred = label(wx + v["b"], "pred")
    err = label(pred - v["y"], "err")
    return label(err**2, "loss")


EXPRESSIONS: dict[str, Expression] = {
    "neuron": Expression(
        "neuron: tanh(x1*w1 + x2*w2 + b)",
        (Input("x1", 2.0), Input("x2", 0.0), Input("w1", -3.0), Input("w2", 1.0), Input("b", 6.9, -8.0, 8.0)),
        _neuron,
        "x2 = 0 gives w2 a zero gradient: a weight on a silent input cannot matter",
    ),
    "reuse": Expression(
        "reuse: a*b + a",
        (Input("a", 2.0), Input("b", -3.0)),
        _reuse,
        "a is used twice, so its gradient is the sum of two paths: b + 1",
    ),
    "diamond": Expression(
        "diamond: e = a*b, out = tanh(e) * e",
        (Input("a", 0.5), Input("b", 1.5)),
        _diamond,
        "e feeds out along two paths of different length: topological order waits for both",
    ),
    "relu": Expression(
        "relu(w*x + b)",
        (Input("w", 1.5), Input("x", 1.0), Input("b", -0.5)),
        _relu,
        "when w*x + b <= 0 every gradient is 0: a 'dead' ReLU",
    ),
    "square_error": Expression(
        "squared error: (w*x + b - y)**2",
        (Input("w", 0.5), Input("x", 2.0), Input("b", 0.0), Input("y", 3.0)),
        _square_error,
        "the gradient of w is 2*err*x: gradient descent moves w to shrink the error",
    ),
}

MAX_INPUTS = max(len(e.inputs) for e in EXPRESSIONS.values())


# --------------------------------------------------------------------------- building the graph


def evaluate(expression: str, values: dict | None = None, value_class: type | None = None, backward: bool = True):
    """Build ``expression`` from ``value_class`` nodes and (optionally) run ``backward()``.

    Args:
        expression: a key of :data:`EXPRESSIONS`.
        values: input name -> number; missing inputs take their defaults.
        value_class: the ``Value`` class to use (default: the reference one).
        backward: whether to call ``output.backward()``.

    Returns:
        (output, labels): the output node and a dict ``id(node) -> display name``.
    """
    if expression not in EXPRESSIONS:
        raise ValueError(f"unknown expression {expression!r}; choose one of {sorted(EXPRESSIONS)}")
    spec = EXPRESSIONS[expression]
    value_class = value_class or Value
    values = dict(values or {})
    labels: dict[int, str] = {}

    def label(node, text):
        labels[id(node)] = text
        return node

    inputs = {i.name: label(value_class(float(values.get(i.name, i.default))), i.name) for i in spec.inputs}
    output = spec.build(inputs, label)
    if backward:
        output.backward()
    return output, labels


def _nodes_and_depths(output) -> tuple[list, dict[int, int]]:
    """All nodes (inputs before users) and the column of each.

    An operation's column is its topological depth, 1 + the deepest of its inputs. A leaf (an
    input or a constant) sits just left of the first operation that uses it, so that ``b`` in
    ``x*w + b`` is drawn next to the ``+`` rather than far away in the first column.
    """
    order, depth, seen = [], {}, set()

    def visit(node):
        if id(node) in seen:
            return
        seen.add(id(node))
        for child in node._prev:
            visit(child)
        depth[id(node)] = 1 + max((depth[id(c)] for c in node._prev), default=-1)
        order.append(node)

    visit(output)
    first_use: dict[int, int] = {}
    for node in order:
        for child in node._prev:
            first_use[id(child)] = min(first_use.get(id(child), depth[id(node)]), depth[id(node)])
    for node in order:
        if not node._prev and id(node) in first_use:
            depth[id(node)] = first_use[id(node)] - 1
    return order, depth


def _layout(order: list, depth: dict[int, int]) -> dict[int, tuple[float, float]]:
    """(x, y) of each node: x its depth, y spread evenly in its column, ordered like its inputs."""
    columns: dict[int, list] = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    position: dict[int, tuple[float, float]] = {}
    for col in sorted(columns):
        nodes = columns[col]
        if col > 0:  # late leaves on top, then operations ordered like their inputs, so edges cross less
            nodes.sort(key=lambda n: (0, 0.0) if not n._prev else (1, -np.mean([position[id(c)][1] for c in n._prev])))
        k = len(nodes)
        for row, node in enumerate(nodes):
            position[id(node)] = (float(col), (k - 1) / 2.0 - row)
    return position


def _tint(grad: float, scale: float) -> tuple[float, float, float]:
    """White for a zero gradient, blue for positive, red for negative (pale, so text stays readable)."""
    if not np.isfinite(grad) or scale == 0:
        return (1.0, 1.0, 1.0)
    s = float(np.clip(abs(grad) / scale, 0.0, 1.0)) * 0.55
    base = np.array([0.25, 0.45, 0.95]) if grad > 0 else np.array([0.95, 0.3, 0.3])
    return tuple((1 - s) * np.ones(3) + s * base)


def _draw_error(figure: Figure, title: str, error: BaseException) -> Figure:
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        f"{title}\n\nbuilding or differentiating the graph raised\n{type(error).__name__}: {error}",
        ha="center",
        va="center",
        fontsize=11,
        wrap=True,
    )
    return figure


@dataclass
class _Picture:
    """A graph's figure and the artists a new input (or the backward checkbox) changes: each node's
    box (tinted by its gradient) and its ``data``/``grad`` text, and the title. The headings are
    inside the boxes, so they are redrawn over them; the edges are drawn under the boxes, and stay."""

    figure: Figure
    key: tuple  # the graph's shape (see _shape): a graph of another shape needs another figure
    boxes: list[FancyBboxPatch]
    headings: list[Text]
    values: list[Text]
    title: Text

    def artists(self) -> tuple[Artist, ...]:
        return (*self.boxes, *self.headings, *self.values, self.title)


def _shape(expression: str, output, labels: dict[int, str]) -> tuple[list, tuple]:
    """The nodes of ``output``'s graph (inputs before users) and what its picture's layout depends
    on: per node, its place, its heading, its line width and the places of its inputs."""
    order, depth = _nodes_and_depths(output)
    position = _layout(order, depth)
    rows = []
    for node in order:
        name = labels.get(id(node))
        op = getattr(node, "_op", "")
        if name is None:  # an unnamed operation, or a constant such as the 2 in 2*x
            heading = (op or "?") if node._prev else f"{node.data:g}"
        else:
            heading = f"{name}  [{op}]" if op and node._prev else name
        rows.append((depth[id(node)], position[id(node)], heading, node is output,
                     tuple(position[id(child)] for child in node._prev)))
    return order, (expression, tuple(rows))


def _build_graph(key: tuple) -> _Picture:
    """The figure of a graph of shape ``key`` (see :func:`_shape`): edges, boxes, headings; the
    boxes untinted and the values unwritten (see :func:`_show_graph`)."""
    expression, rows = key
    spec = EXPRESSIONS[expression]
    n_cols = max(row[0] for row in rows) + 1
    n_rows = max(sum(1 for row in rows if row[0] == col) for col in range(n_cols))
    figure = new_figure(width=max(6.0, 1.9 * n_cols + 0.6), height=max(2.8, 1.05 * n_rows + 1.2))
    figure.set_layout_engine("none")  # a fixed frame: constrained layout would triple the drawing time
    ax = figure.add_axes((0.01, 0.08, 0.98, 0.84))
    ax.set_axis_off()
    box_w, box_h, pad = 0.72, 0.78, 0.02
    # The boxes' outlines, pad included: the edges end there, under the boxes, so that a new tint
    # redraws the boxes without the edges.
    out_w, out_h = box_w + 2 * pad, box_h + 2 * pad

    for _, (x1, y1), _, _, inputs in rows:
        drawn: dict[tuple, int] = {}
        for x0, y0 in inputs:
            k = drawn.get((x0, y0), 0)
            drawn[(x0, y0)] = k + 1
            if x1 - x0 > 1.5:  # a long edge runs below the boxes it skips, bottom to bottom
                start, end, bend = (x0, y0 - out_h / 2), (x1, y1 - out_h / 2), 0.3 + 0.2 * k
            else:  # a second use of the same input curves away from the first
                start, end, bend = (x0 + out_w / 2, y0), (x1 - out_w / 2, y1), 0.35 * k
            ax.annotate("", xy=end, xytext=start, zorder=0.5, arrowprops=dict(
                arrowstyle="-|>", color="0.35", lw=1.0, shrinkA=0, shrinkB=0, connectionstyle=f"arc3,rad={bend}"))

    boxes, headings, values = [], [], []
    for _, (x, y), heading, is_output, _ in rows:
        boxes.append(ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h, boxstyle=f"round,pad={pad}",
                                                 facecolor="white", edgecolor="0.2", lw=1.4 if is_output else 0.8)))
        headings.append(ax.text(x, y + 0.2, heading, ha="center", va="center", fontsize=9, fontweight="bold"))
        values.append(ax.text(x, y - 0.12, "", ha="center", va="center", fontsize=8.5, linespacing=1.5))

    ax.set_xlim(-0.6, n_cols - 0.4)
    half = max(n_rows, 2) / 2.0
    ax.set_ylim(-half, half)
    ax.set_title("", fontsize=10)
    if spec.note:
        figure.text(0.5, 0.02, spec.note, ha="center", va="bottom", fontsize=9, color="0.3")
    return _Picture(figure, key, boxes, headings, values, ax.title)


def _show_graph(picture: _Picture, order: list, output, backward: bool) -> None:
    """Write each node's data and gradient into ``picture`` (``order`` as :func:`_shape` gave it)."""
    grads = [node.grad for node in order]
    finite = [abs(g) for g in grads if np.isfinite(g)]
    scale = max(finite) if finite else 0.0
    for node, box, text in zip(order, picture.boxes, picture.values):
        box.set_facecolor(_tint(node.grad, scale))
        text.set_text(f"data {node.data:.4g}\ngrad {node.grad:.4g}")
    title = EXPRESSIONS[picture.key[0]].title + f"    output = {output.data:.4g}"
    picture.title.set_text(title + ("" if backward else "    (before backward(): every grad is 0)"))


def graph_figure(expression: str = "neuron", values: dict | None = None, value_class: type | None = None, backward: bool = True) -> Figure:
    """A static picture of ``expression``'s graph with every node's data and gradient.

    Args:
        expression: a key of :data:`EXPRESSIONS` (``"neuron"``, ``"reuse"``, ``"diamond"``, ...).
        values: input name -> number; missing inputs take their defaults.
        value_class: the ``Value`` class to use (default: the reference one).
        backward: draw the gradients after ``backward()`` (True) or before it (all 0).

    Returns: a Matplotlib Figure (not registered with pyplot).
    """
    spec = EXPRESSIONS.get(expression)
    try:
        output, labels = evaluate(expression, values, value_class, backward)
        order, key = _shape(expression, output, labels)
    except Exception as error:  # a student's half-written Value: say so in the picture
        return _draw_error(new_figure(8.0, 3.0), spec.title if spec else str(expression), error)
    picture = _build_graph(key)
    _show_graph(picture, order, output, backward)
    return picture.figure


# --------------------------------------------------------------------------- the widget


class GraphExplorer(FigureExplorer):
    """Pick an expression, move its inputs, and watch every node's value and gradient.

    Controls: ``expression`` (a dropdown), ``backward`` (a checkbox: show gradients after
    ``backward()`` or before it) and sliders ``v0``... for the inputs, relabelled for each
    expression (unused ones hidden). After each redraw, ``output`` and ``labels`` hold the graph
    just drawn and ``error`` the exception a custom ``value_class`` raised (else None).
    """

    _held = ("_live", "_picture")  # a retired explorer lets go of its figure

    def __init__(self, expression: str = "neuron", value_class: type | None = None):
        if expression not in EXPRESSIONS:
            raise ValueError(f"unknown expression {expression!r}; choose one of {sorted(EXPRESSIONS)}")
        # One figure per shape of graph: the sliders only redraw the artists of _Picture over it.
        self._live: LivePicture | None = None
        self._picture: _Picture | None = None
        self.value_class = value_class or Value
        self.output = None
        self.labels: dict[int, str] = {}
        self.error: BaseException | None = None
        self._configuring = False
        dropdown = widgets.Dropdown(
            options=[(spec.title, key) for key, spec in EXPRESSIONS.items()],
            value=expression,
            description="expression",
            layout=widgets.Layout(width="360px"),
        )
        backward = widgets.Checkbox(value=True, description="after backward()")
        sliders = {
            f"v{i}": widgets.FloatSlider(min=-4.0, max=4.0, step=0.1, continuous_update=False, readout_format=".2f")
            for i in range(MAX_INPUTS)
        }
        controls = {"expression": dropdown, "backward": backward, **sliders}
        self._sliders = list(sliders.values())
        self._configure_sliders(expression)
        super().__init__(controls, self._draw)

    @property
    def inputs(self) -> dict[str, float]:
        """The current input values of the selected expression, by name."""
        spec = EXPRESSIONS[self.controls["expression"].value]
        return {i.name: float(s.value) for i, s in zip(spec.inputs, self._sliders)}

    def _configure_sliders(self, expression: str) -> None:
        """Relabel the sliders for ``expression``'s inputs and reset them to its defaults."""
        self._configuring = True
        try:
            spec = EXPRESSIONS[expression]
            for i, slider in enumerate(self._sliders):
                if i < len(spec.inputs):
                    item = spec.inputs[i]
                    slider.min, slider.max = -1e9, 1e9  # widen first so no value is clipped midway
                    slider.value = item.default
                    slider.min, slider.max = item.low, item.high
                    slider.description = item.name
                    slider.layout.display = None
                else:
                    slider.description = ""
                    slider.layout.display = "none"
        finally:
            self._configuring = False

    def _on_change(self, change: dict) -> None:
        if self._configuring:
            return
        if change.get("owner") is self.controls["expression"]:
            self._configure_sliders(change["new"])
        self._refresh_for(change)

    def _draw(self, expression: str, backward: bool, **_sliders: float) -> Figure | LivePicture:
        """The graph for the current controls: a new figure for a graph of a new shape (the
        dropdown), else the kept one with new values and tints (the sliders, the checkbox)."""
        values = self.inputs
        try:
            self.output, self.labels = evaluate(expression, values, self.value_class, backward)
            order, key = _shape(expression, self.output, self.labels)
            self.error = None
        except Exception as error:
            self.output, self.labels, self.error = None, {}, error
            return graph_figure(expression, values, self.value_class, backward)  # the picture says what went wrong
        if self._picture is None or self._picture.key != key:
            self._picture = _build_graph(key)
            self._live = LivePicture(self._picture.figure)
            self._live.moving(*self._picture.artists())
        _show_graph(self._picture, order, self.output, backward)
        return self._live

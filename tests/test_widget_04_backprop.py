"""The chapter 04_backprop graph widget: every control redraws, the state is right, nothing leaks."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gradschool.reference.autograd import Value  # noqa: E402
from gradschool.widgets.graph import EXPRESSIONS, GraphExplorer, evaluate, graph_figure  # noqa: E402
from tests.pictures import pixels as _pixels  # noqa: E402


def test_graph_figure_returns_a_figure_for_every_expression():
    for name in EXPRESSIONS:
        figure = graph_figure(name)
        assert isinstance(figure, Figure)
        assert figure.axes, name


def test_graph_figure_rejects_unknown_expression_in_the_picture_not_with_a_crash():
    figure = graph_figure("no such expression")
    assert isinstance(figure, Figure)
    texts = " ".join(t.get_text() for ax in figure.axes for t in ax.texts)
    assert "unknown expression" in texts


def test_evaluate_neuron_matches_the_chain_rule():
    values = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}
    out, labels = evaluate("neuron", values)
    t = math.tanh(2.0 * -3.0 + 0.0 + 6.8813735870195432)
    assert out.data == pytest.approx(t)
    leaves = {labels[id(node)]: node for node in _nodes(out) if id(node) in labels}
    assert leaves["w1"].grad == pytest.approx((1 - t**2) * 2.0)
    assert leaves["x1"].grad == pytest.approx((1 - t**2) * -3.0)
    assert leaves["w2"].grad == 0.0  # x2 = 0: a silent input's weight gets no gradient


def test_evaluate_reuse_accumulates():
    out, labels = evaluate("reuse", {"a": 2.0, "b": -3.0})
    a = next(node for node in _nodes(out) if labels.get(id(node)) == "a")
    assert a.grad == pytest.approx(-3.0 + 1.0)


def test_evaluate_without_backward_leaves_gradients_zero():
    out, _ = evaluate("diamond", backward=False)
    assert all(node.grad == 0.0 for node in _nodes(out))


def _nodes(out):
    seen, stack, found = set(), [out], []
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            found.append(node)
            stack.extend(node._prev)
    return found


def test_explorer_sliders_redraw_and_change_the_output():
    w = GraphExplorer("neuron")
    png, count = w.image.value, w.redraw_count
    before = w.output.data
    w.controls["v0"].value = -1.0  # x1
    assert w.redraw_count == count + 1
    assert w.image.value != png
    assert w.inputs["x1"] == -1.0
    assert w.output.data != before
    assert w.output.data == pytest.approx(math.tanh(-1.0 * -3.0 + 0.0 * 1.0 + 6.9))
    for i in range(1, 5):
        png = w.image.value
        w.controls[f"v{i}"].value = 0.5
        assert w.image.value != png, f"slider v{i} did not change the picture"


def test_explorer_dropdown_relabels_and_hides_sliders():
    w = GraphExplorer("neuron")
    png = w.image.value
    w.controls["expression"].value = "reuse"
    assert w.image.value != png
    assert [w.controls[f"v{i}"].description for i in range(2)] == ["a", "b"]
    assert [w.controls[f"v{i}"].value for i in range(2)] == [2.0, -3.0]  # the expression's defaults
    assert all(w.controls[f"v{i}"].layout.display == "none" for i in range(2, 5))
    assert w.output.data == pytest.approx(2.0 * -3.0 + 2.0)
    for name in EXPRESSIONS:
        png = w.image.value
        count = w.redraw_count
        w.controls["expression"].value = name
        if name != "reuse":
            assert w.redraw_count == count + 1  # one redraw per switch, not one per slider reset
            assert w.image.value != png
        assert w.error is None
    w.controls["expression"].value = "neuron"
    assert all(w.controls[f"v{i}"].layout.display is None for i in range(5))


def test_explorer_backward_checkbox():
    w = GraphExplorer("square_error")
    assert w.output.grad == 1.0
    png = w.image.value
    w.controls["backward"].value = False
    assert w.image.value != png
    assert all(node.grad == 0.0 for node in _nodes(w.output))
    w.controls["backward"].value = True
    assert w.output.grad == 1.0


def test_explorer_png_in_mimebundle():
    w = GraphExplorer()
    bundle = w._repr_mimebundle_()
    assert "image/png" in bundle and len(bundle["image/png"]) > 1000


def test_explorer_with_a_custom_value_class():
    class Counting(Value):
        made = 0

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            Counting.made += 1

    w = GraphExplorer("diamond", value_class=Counting)
    assert Counting.made > 0
    assert any(isinstance(node, Counting) for node in _nodes(w.output))  # the inputs are built with it


def test_explorer_survives_an_unfinished_value_class():
    class Unfinished(Value):
        def __mul__(self, other):
            raise NotImplementedError()

    w = GraphExplorer("neuron", value_class=Unfinished)
    assert isinstance(w.error, NotImplementedError)
    assert w.output is None
    assert len(w.image.value) > 1000  # a picture that says what went wrong
    texts = " ".join(t.get_text() for ax in graph_figure("neuron", value_class=Unfinished).axes for t in ax.texts)
    assert "NotImplementedError" in texts


def test_explorer_rejects_unknown_expression():
    with pytest.raises(ValueError):
        GraphExplorer("nope")


def test_no_pyplot_figures_leak():
    before = len(plt.get_fignums())
    w = GraphExplorer()
    for k in range(15):
        w.controls["v0"].value = -2.0 + 0.2 * k
    for name in EXPRESSIONS:
        w.controls["expression"].value = name
        graph_figure(name)
    assert len(plt.get_fignums()) == before


# --------------------------------------------------------------------------- the reference Value
# (the engine the widget and later chapters import; checked here against PyTorch)


def test_reference_value_matches_torch_on_a_random_expression():
    import numpy as np
    import torch

    rng = np.random.default_rng(7)
    xs = rng.uniform(-1.5, 1.5, 3)
    v = [Value(float(x)) for x in xs]
    t = [torch.tensor(float(x), dtype=torch.float64, requires_grad=True) for x in xs]

    def build(a, b, c, tanh, exp, relu):
        e = a * b + c
        f = tanh(e) * e - 2 / (c * c + 1) + exp(a - 1) ** 0.5
        return (f * a + relu(b - a) + (1 - e) / 3) ** 2 + e

    out_v = build(*v, lambda z: z.tanh(), lambda z: z.exp(), lambda z: z.relu())
    out_t = build(*t, torch.tanh, torch.exp, torch.relu)
    out_v.backward()
    out_t.backward()
    assert out_v.data == pytest.approx(out_t.item(), rel=1e-12)
    for a, b in zip(v, t):
        assert a.grad == pytest.approx(b.grad.item(), rel=1e-10, abs=1e-12)


def test_reference_value_reuse_relu_at_zero_and_long_chains():
    a = Value(3.0)
    (a * a + a).backward()
    assert a.grad == 7.0
    z = Value(0.0)
    z.relu().backward()
    assert z.grad == 0.0
    x = Value(0.5)
    y = x
    for _ in range(5000):  # deeper than Python's recursion limit: the sort is iterative
        y = y * 1.0
    y.backward()
    assert x.grad == 1.0
    with pytest.raises(TypeError):
        Value(2.0) ** Value(2.0)


# --------------------------------------------------------------------------- the live picture


def _same_as_full_draw(w: GraphExplorer) -> None:
    """The explorer's picture is graph_figure's for the same state (2 levels per channel, or a
    hundredth of a percent of the pixels, may differ)."""
    from gradschool.widgets.base import figure_png

    figure = graph_figure(w.controls["expression"].value, w.inputs, w.value_class, w.controls["backward"].value)
    shown, full = _pixels(w.image.value), _pixels(figure_png(figure))
    assert shown.shape == full.shape
    assert (abs(shown - full).max(axis=2) > 2).mean() < 1e-4, "the live picture is not the full draw"


def test_sliders_and_checkbox_only_redraw_what_moves_and_match_a_full_draw():
    w = GraphExplorer("neuron")
    live = w._live
    draws = live.full_draws
    for name, value in [("v0", -1.0), ("v4", 2.0), ("v1", 0.7), ("backward", False), ("v2", -2.5), ("backward", True)]:
        w.controls[name].value = value
        _same_as_full_draw(w)
    assert w._live is live and live.full_draws == draws, "a slider redrew the whole figure"


@pytest.mark.parametrize("expression", list(EXPRESSIONS))
def test_every_expression_matches_a_full_draw_after_moves(expression):
    w = GraphExplorer("neuron")
    w.controls["expression"].value = expression  # a new figure for the new graph
    w.controls["v1"].value = 3.0
    w.controls["v0"].value = -0.4
    _same_as_full_draw(w)


def test_a_retired_explorer_lets_go_of_its_figure():
    w = GraphExplorer()
    w.retire()
    with pytest.raises(RuntimeError, match="replaced"):
        w._live.png()

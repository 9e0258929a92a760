"""Chapter 2 widget: ActivationExplorer and activation_figure (gradschool.widgets.activations)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gradschool.reference import activations as reference  # noqa: E402
from gradschool.widgets.activations import NAMES, ActivationExplorer, activation_figure, evaluate  # noqa: E402
from tests.pictures import pixels as _pixels  # noqa: E402


@pytest.mark.parametrize("name", NAMES)
def test_static_figure_is_a_figure_with_two_panels(name):
    figure = activation_figure(name, z=1.5, alpha=0.2)
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 2


def test_static_figure_rejects_unknown_names():
    with pytest.raises(ValueError, match="name must be one of"):
        activation_figure("swish")


def test_initial_state_uses_the_reference():
    explorer = ActivationExplorer(name="sigmoid", z=2.0)
    assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert explorer.point.value == pytest.approx(float(reference.sigmoid(2.0)), abs=1e-12)
    assert explorer.point.slope == pytest.approx(float(reference.sigmoid_grad(2.0)), abs=1e-12)
    assert explorer.point.region == "active"
    assert explorer.alpha_slider.disabled  # alpha only matters for leaky ReLU
    assert "sigmoid" in explorer.status.value


def test_dropdown_changes_activation_and_picture():
    explorer = ActivationExplorer(name="sigmoid", z=1.0)
    seen = {explorer.image.value}
    for name in ["tanh", "relu", "leaky_relu"]:
        explorer.name_menu.value = name
        assert explorer.image.value not in seen, f"picture did not change for {name}"
        seen.add(explorer.image.value)
        f, f_grad = reference.ACTIVATIONS[name]
        assert explorer.point.name == name
        assert explorer.point.value == pytest.approx(float(f(1.0)), abs=1e-12)
        assert explorer.point.slope == pytest.approx(float(f_grad(1.0)), abs=1e-12)
    assert not explorer.alpha_slider.disabled  # leaky_relu is selected now


def test_z_slider_moves_the_point_and_finds_saturation():
    explorer = ActivationExplorer(name="tanh", z=0.0)
    before = explorer.image.value
    assert explorer.point.slope == pytest.approx(1.0)
    explorer.z_slider.value = 3.0
    assert explorer.image.value != before
    assert explorer.point.z == pytest.approx(3.0)
    assert explorer.point.value == pytest.approx(np.tanh(3.0), abs=1e-12)
    assert explorer.point.region == "saturated"  # tanh'(3) ~ 0.0099 < 0.05
    assert "saturated" in explorer.status.value


def test_relu_dead_region_and_leaky_alpha_slider():
    explorer = ActivationExplorer(name="relu", z=-2.0, alpha=0.1)
    assert explorer.point.region == "dead"
    assert explorer.point.slope == 0.0
    relu_picture = explorer.image.value
    explorer.name_menu.value = "leaky_relu"
    assert explorer.image.value != relu_picture
    assert explorer.point.region == "leaky"
    assert explorer.point.slope == pytest.approx(0.1)
    before = explorer.image.value
    explorer.alpha_slider.value = 0.3
    assert explorer.image.value != before
    assert explorer.point.alpha == pytest.approx(0.3)
    assert explorer.point.slope == pytest.approx(0.3)
    assert explorer.point.value == pytest.approx(-0.6)
    explorer.z_slider.value = 0.0  # the derivative at 0 is alpha by convention
    assert explorer.point.slope == pytest.approx(0.3)
    explorer.name_menu.value = "relu"
    assert explorer.point.slope == 0.0  # and relu's is 0
    assert explorer.alpha_slider.disabled


def test_student_functions_are_drawn_and_a_stub_falls_back():
    def stub(z):
        raise NotImplementedError()

    def scaled_sigmoid(z):
        return 0.9 * reference.sigmoid(z)

    explorer = ActivationExplorer(name="sigmoid", z=0.0, functions={"sigmoid": (scaled_sigmoid, reference.sigmoid_grad),
                                                                      "tanh": (stub, stub)})
    assert explorer.point.value == pytest.approx(0.45)  # the student's function, not the reference
    assert explorer.point.note == ""
    explorer.name_menu.value = "tanh"
    assert explorer.point.value == pytest.approx(0.0)
    assert explorer.point.slope == pytest.approx(1.0)
    assert "NotImplementedError" in explorer.point.note
    assert "reference" in explorer.status.value
    explorer.name_menu.value = "relu"  # not given: the reference, no note
    assert explorer.point.note == ""


def test_wrong_shapes_and_nan_fall_back_to_the_reference():
    point = evaluate("relu", 1.0, functions={"relu": (lambda z: np.zeros(3), reference.relu_grad)})
    assert point.value == 1.0 and "shape" in point.note
    point = evaluate("sigmoid", 0.0, functions={"sigmoid": (lambda z: z * np.nan, reference.sigmoid_grad)})
    assert point.value == 0.5 and "NaN" in point.note


def test_display_bundle_carries_the_png():
    explorer = ActivationExplorer()
    bundle = explorer._repr_mimebundle_()
    assert "image/png" in bundle and len(bundle["image/png"]) > 1000


def test_no_pyplot_figures_leak():
    plt.close("all")
    explorer = ActivationExplorer(name="sigmoid", z=0.0)
    for i in range(1, 9):  # one control per step, every control used
        if i % 3 == 0:
            explorer.name_menu.value = NAMES[(i // 3) % len(NAMES)]
        elif i % 3 == 1:
            explorer.z_slider.value = -4.0 + i
        else:
            explorer.alpha_slider.value = 0.02 * i
    activation_figure("tanh", 2.0)
    assert plt.get_fignums() == []
    assert explorer.redraw_count == 9


# --------------------------------------------------------------------------- the live picture


def _same_as_full_draw(explorer: ActivationExplorer) -> None:
    """The widget's picture is activation_figure's for the same state (2 levels per channel, or a
    hundredth of a percent of the pixels, may differ)."""
    from gradschool.widgets.base import figure_png

    figure = activation_figure(explorer.name_menu.value, explorer.z_slider.value, explorer.alpha_slider.value,
                               explorer.functions)
    full = figure_png(figure)
    shown, full = _pixels(explorer.image.value), _pixels(full)
    assert shown.shape == full.shape
    assert (np.abs(shown - full).max(axis=2) > 2).mean() < 1e-4, "the live picture is not the full draw"


def test_z_slider_moves_only_the_marks_and_matches_a_full_draw():
    explorer = ActivationExplorer(name="sigmoid", z=2.0)
    live = explorer._live
    draws = live.full_draws
    for z in [-4.5, -1.25, 0.0, 0.3, 3.7, 5.5]:
        explorer.z_slider.value = z
        assert explorer.point.z == pytest.approx(z)
    assert explorer._live is live and live.full_draws == draws, "moving z redrew the whole figure"
    _same_as_full_draw(explorer)
    explorer.alpha_slider.value = 0.4  # alpha does not change sigmoid's picture: no new figure either
    assert explorer._live is live and live.full_draws == draws


@pytest.mark.parametrize("name", NAMES)
def test_every_activation_matches_a_full_draw_after_moves(name):
    explorer = ActivationExplorer(name="sigmoid", z=1.0, alpha=0.2)
    explorer.name_menu.value = name  # a new figure for the new curves
    explorer.alpha_slider.value = 0.35
    for z in [-5.0, -0.6, 2.45]:
        explorer.z_slider.value = z
    _same_as_full_draw(explorer)


def test_students_functions_and_their_note_match_a_full_draw():
    def broken(z):
        raise NotImplementedError()

    functions = {"tanh": (lambda z: 0.9 * reference.tanh(z), reference.tanh_grad), "sigmoid": (broken, broken)}
    explorer = ActivationExplorer(name="tanh", z=0.5, functions=functions)
    explorer.z_slider.value = -1.5
    _same_as_full_draw(explorer)
    explorer.name_menu.value = "sigmoid"  # the note about the broken function is the figure's suptitle
    explorer.z_slider.value = 4.0
    assert "NotImplementedError" in explorer.point.note
    _same_as_full_draw(explorer)


def test_a_retired_explorer_lets_go_of_its_figure():
    explorer = ActivationExplorer()
    explorer.retire()
    with pytest.raises(RuntimeError, match="replaced"):
        explorer._live.png()

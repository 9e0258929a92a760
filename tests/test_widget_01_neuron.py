"""Chapter 1 widgets: every control redraws the picture and leaves the right state behind."""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gradschool.widgets.neuron import (  # noqa: E402
    ACTIVATIONS,
    GATES,
    NeuronExplorer,
    PerceptronExplorer,
    activate,
    count_correct,
    gate_data,
    hidden_layer_figure,
    neuron_diagram,
    neuron_figure,
    perceptron_figure,
)
from tests.pictures import pixels as _pixels  # noqa: E402


# --------------------------------------------------------------------------- static pictures


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_neuron_figure_is_a_figure_for_every_activation(activation):
    figure = neuron_figure(1.0, 1.0, -1.5, activation=activation, gate="and")
    assert isinstance(figure, Figure)
    assert "4/4" in figure.axes[1].get_title()


@pytest.mark.parametrize("gate", sorted(GATES))
def test_neuron_figure_title_counts_correct_points(gate):
    figure = neuron_figure(1.0, -1.0, 0.2, gate=gate)
    assert f"{count_correct(1.0, -1.0, 0.2, gate)}/4" in figure.axes[1].get_title()


def test_neuron_figure_without_a_line():
    """w = 0 has no boundary at all; the figure says so instead of dividing by zero."""
    figure = neuron_figure(0.0, 0.0, 0.5, gate="or")
    assert "w = 0" in figure.axes[1].get_title()


def test_static_figures_reject_unknown_names():
    with pytest.raises(ValueError):
        neuron_figure(1.0, 1.0, 0.0, gate="xnor")
    with pytest.raises(ValueError):
        neuron_figure(1.0, 1.0, 0.0, activation="softplus")


def test_other_static_figures():
    assert isinstance(neuron_diagram((2.0, 1.0, -1.5), -2.0, x=(1, 0, 1)), Figure)
    assert isinstance(neuron_diagram((-1.0,), 0.5), Figure)
    assert isinstance(perceptron_figure("xor", [0.5, -1.0], 0.0, [3, 3], 1, last=2, last_wrong=True, epoch=2), Figure)
    layers = hidden_layer_figure([(np.array([1.0, 1.0]), -0.5), (np.array([-1.0, -1.0]), 1.5)], (np.array([1.0, 1.0]), -1.5))
    assert isinstance(layers, Figure)
    assert "4/4" in layers.axes[1].get_title()


def test_reference_helpers():
    X, y = gate_data("xor")
    assert X.shape == (4, 2) and list(y) == [0.0, 1.0, 1.0, 0.0]
    assert activate(0.0, "step") == 1.0 and activate(-1e-9, "step") == 0.0
    assert np.isclose(activate(0.0, "sigmoid"), 0.5)
    assert np.all(np.isfinite(activate(np.array([-1000.0, 1000.0]), "sigmoid")))
    assert activate(-2.0, "relu") == 0.0 and activate(3.0, "relu") == 3.0
    assert count_correct(1.0, 1.0, -1.5, "and") == 4
    assert count_correct(1.0, 1.0, -0.5, "or") == 4
    assert count_correct(-1.0, -1.0, 1.5, "nand") == 4
    # No line gets XOR right: a coarse sweep over weights never finds 4/4.
    grid = np.linspace(-2, 2, 9)
    assert max(count_correct(a, c, d, "xor") for a in grid for c in grid for d in grid) == 3


# --------------------------------------------------------------------------- NeuronExplorer


def test_neuron_explorer_every_control_redraws():
    explorer = NeuronExplorer(w1=1.0, w2=1.0, b=-0.5, activation="step", gate="and")
    assert explorer.correct == 2  # w=(1,1), b=-0.5 is OR: wrong on 01 and 10 for AND
    changes = [("b", -1.5), ("w1", 2.0), ("w2", -0.5), ("activation", "sigmoid"), ("activation", "tanh"),
               ("activation", "relu"), ("gate", "xor"), ("gate", "nand"), ("gate", "or")]
    for name, value in changes:
        before, count = explorer.image.value, explorer.redraw_count
        explorer.controls[name].value = value
        assert explorer.redraw_count == count + 1, name
        assert explorer.image.value != before, f"changing {name} did not change the picture"
        assert explorer.values()[name] == value


def test_neuron_explorer_state_follows_the_controls():
    explorer = NeuronExplorer()
    controls = explorer.controls
    controls["gate"].value = "and"
    controls["w1"].value, controls["w2"].value, controls["b"].value = 1.0, 1.0, -1.5
    assert explorer.correct == 4
    controls["activation"].value = "tanh"  # the activation moves the shading, not the line
    assert explorer.correct == 4
    controls["gate"].value = "xor"
    assert explorer.correct <= 3
    controls["gate"].value = "nand"
    controls["w1"].value, controls["w2"].value, controls["b"].value = -1.0, -1.0, 1.5
    assert explorer.correct == 4


def test_neuron_explorer_display_carries_png():
    bundle = NeuronExplorer()._repr_mimebundle_()
    assert "image/png" in bundle and len(bundle["image/png"]) > 100


# --------------------------------------------------------------------------- PerceptronExplorer


def _reference_run(gate, lr, samples):
    X, y = gate_data(gate)
    w, b, errors, mistakes = np.zeros(2), 0.0, [], 0
    for k in range(samples):
        i = k % 4
        pred = 1.0 if X[i] @ w + b >= 0 else 0.0
        w, b = w + lr * (y[i] - pred) * X[i], b + lr * (y[i] - pred)
        mistakes += int(pred != y[i])
        if i == 3:
            errors.append(mistakes)
            mistakes = 0
    return w, b, errors, mistakes


def test_perceptron_explorer_step_follows_the_rule():
    explorer = PerceptronExplorer(gate="and", lr=1.0, max_epochs=10)
    assert explorer.samples_seen == 0 and explorer.errors == [] and np.all(explorer.w == 0)
    explorer.step(4)  # the epoch traced by hand in the notebook
    assert np.allclose(explorer.w, [1.0, 1.0]) and explorer.b == 0.0 and explorer.errors == [2]
    explorer.step(13)
    w, b, errors, current = _reference_run("and", 1.0, 17)
    assert np.allclose(explorer.w, w) and np.isclose(explorer.b, b)
    assert explorer.errors == errors and explorer.current_errors == current
    explorer.step(1000)  # stops at max_epochs
    assert explorer.finished and len(explorer.errors) == 10 and explorer.errors[-1] == 0


def test_perceptron_explorer_buttons_and_controls():
    explorer = PerceptronExplorer(gate="or", lr=1.0, max_epochs=5)
    before = explorer.image.value
    explorer.step_button.click()
    assert explorer.samples_seen == 1 and explorer.last == 0 and explorer.last_wrong
    assert explorer.image.value != before
    explorer.step_button.click()
    explorer.step_button.click()
    assert explorer.samples_seen == 3
    stepped = explorer.image.value
    explorer.reset_button.click()
    assert explorer.samples_seen == 0 and np.all(explorer.w == 0) and explorer.b == 0.0 and explorer.errors == []
    assert explorer.image.value != stepped

    explorer.step(6)
    picture = explorer.image.value
    explorer.gate.value = "xor"  # a new dataset starts over
    assert explorer.samples_seen == 0 and explorer.image.value != picture
    explorer.step(40)
    assert min(explorer.errors) > 0  # XOR: never an epoch without mistakes

    explorer.lr.value = 0.5  # a new learning rate starts over too
    assert explorer.samples_seen == 0
    explorer.step(4)
    assert np.allclose(explorer.w, _reference_run("xor", 0.5, 4)[0])


def test_perceptron_explorer_play_and_pause():
    explorer = PerceptronExplorer(gate="and", lr=1.0, max_epochs=50, interval=0.02, redraw_every=2)
    draws = explorer.redraw_count
    explorer.play.value = True
    assert explorer.play.description == "Pause"
    deadline = time.monotonic() + 10
    while explorer.samples_seen < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert explorer.samples_seen >= 3, "Play did not advance the perceptron"
    start = time.monotonic()
    explorer.play.value = False
    # pause() waits at most 0.3 s for the thread; the slack is for a loaded CI machine.
    assert time.monotonic() - start < 1.0
    seen = explorer.samples_seen
    time.sleep(0.3)
    assert explorer.samples_seen == seen, "training went on after Pause"
    explorer._thread.join(5)
    assert not explorer.playing and explorer.play.description == "Play"
    assert explorer.redraw_count > draws
    # The last picture shows the last state, even with redraw_every = 2.
    assert explorer._drawn_samples == explorer.samples_seen


def test_perceptron_explorer_play_stops_by_itself_and_reset_stops_play():
    explorer = PerceptronExplorer(gate="or", lr=1.0, max_epochs=2, interval=0.0, redraw_every=4)
    explorer.play.value = True
    deadline = time.monotonic() + 15
    while explorer.play.value and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not explorer.play.value and explorer.finished and len(explorer.errors) == 2
    explorer._thread.join(5)
    explorer.play.value = True  # nothing left to do: Play switches itself off
    assert not explorer.play.value

    explorer = PerceptronExplorer(gate="xor", lr=1.0, max_epochs=100, interval=0.02)
    explorer.play.value = True
    time.sleep(0.2)
    explorer.reset_button.click()
    assert not explorer.play.value and explorer.samples_seen == 0
    time.sleep(0.2)
    assert explorer.samples_seen == 0


def test_perceptron_explorer_display_carries_png():
    bundle = PerceptronExplorer()._repr_mimebundle_()
    assert "image/png" in bundle and len(bundle["image/png"]) > 100


# --------------------------------------------------------------------------- no leaks


def test_no_pyplot_figures_leak():
    plt.close("all")
    explorer = NeuronExplorer()
    for k in range(6):
        explorer.controls["b"].value = -1.5 + 0.2 * k
    trainer = PerceptronExplorer(max_epochs=3)
    for _ in range(3):
        trainer.step_button.click()
    neuron_figure(1.0, 1.0, 0.0)
    neuron_diagram()
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------- the live picture


def _same_picture(shown: bytes, figure: Figure) -> None:
    """``shown`` (a widget's PNG) is ``figure`` drawn whole: 2 levels per channel, or a hundredth of
    a percent of the pixels, may differ (the label "w" can poke out over the colour bar's edge)."""
    from gradschool.widgets.base import figure_png

    shown, full = _pixels(shown), _pixels(figure_png(figure))
    assert shown.shape == full.shape
    assert (np.abs(shown - full).max(axis=2) > 2).mean() < 1e-4, "the live picture is not the full draw"


def test_neuron_sliders_only_redraw_what_moves_and_match_a_full_draw():
    explorer = NeuronExplorer(w1=1.0, w2=1.0, b=-0.5, activation="sigmoid", gate="and")
    live = explorer._live
    draws = live.full_draws
    for name, value in [("w1", 2.0), ("b", -2.3), ("w2", -0.4), ("w1", 0.0), ("w2", 0.0), ("w2", 2.5), ("b", 0.7)]:
        explorer.controls[name].value = value
        v = explorer.values()
        _same_picture(explorer.image.value, neuron_figure(v["w1"], v["w2"], v["b"], v["activation"], v["gate"]))
    assert explorer._live is live and live.full_draws == draws, "a slider redrew the whole figure"
    explorer.controls["gate"].value = "xor"  # a dropdown: a new figure
    explorer.controls["activation"].value = "relu"
    explorer.controls["w1"].value = -1.2
    assert explorer._live is not live
    v = explorer.values()
    _same_picture(explorer.image.value, neuron_figure(v["w1"], v["w2"], v["b"], "relu", "xor"))


def test_perceptron_steps_only_redraw_what_moves_and_match_a_full_draw():
    explorer = PerceptronExplorer(gate="xor", lr=1.0, max_epochs=6)
    live = explorer._live
    draws = live.full_draws
    for n in (1, 1, 5, 3, 100):
        explorer.step(n)
        _same_picture(explorer.image.value, perceptron_figure(
            "xor", explorer.w, explorer.b, explorer.errors, explorer.current_errors, explorer.last, explorer.last_wrong,
            explorer.epoch, explorer.max_epochs))
    assert explorer.finished and explorer._live is live and live.full_draws == draws, "a step redrew the whole figure"
    explorer.reset()  # the same gate: the same figure
    assert explorer._live is live and live.full_draws == draws


def test_a_retired_explorer_lets_go_of_its_figure():
    for explorer in (NeuronExplorer(), PerceptronExplorer()):
        explorer.retire()
        with pytest.raises(RuntimeError, match="replaced"):
            explorer._live.png()

"""Chapter 5 playground: every control changes the picture and leaves the right state behind."""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gradschool.reference import mlp  # noqa: E402
from gradschool.widgets.base import figure_png  # noqa: E402
from gradschool.widgets.playground import (  # noqa: E402
    DATASETS,
    RECORD_EVERY,
    Playground,
    Trainer,
    load_dataset,
    network_backward,
    network_forward,
    parse_hidden,
    playground_figure,
)
from playing import check_play_pause_play  # noqa: E402
from tests.pictures import pixels, saved  # noqa: E402

# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_loads_and_splits(name):
    X_train, y_train, X_val, y_val = load_dataset(name)
    assert X_train.shape[1] == X_val.shape[1] == 2
    assert len(X_train) == len(y_train) and len(X_val) == len(y_val)
    assert abs(len(X_val) / (len(X_train) + len(X_val)) - 0.3) < 0.01
    assert set(np.unique(y_train)) == set(np.unique(y_val))


def test_unknown_names_are_refused():
    with pytest.raises(ValueError):
        load_dataset("swiss roll")
    with pytest.raises(ValueError):
        Trainer(activation="sigmoid")
    with pytest.raises(ValueError):
        Trainer(optimizer="rmsprop")


@pytest.mark.parametrize("text, sizes", [("8, 8", (8, 8)), ("16", (16,)), ("", ()), (" 4 ,2 ", (4, 2)), ([3, 5], (3, 5))])
def test_parse_hidden(text, sizes):
    assert parse_hidden(text) == sizes


@pytest.mark.parametrize("text", ["a", "8, x", "0", "-3", "1000", "1,1,1,1,1,1,1"])
def test_parse_hidden_refuses_nonsense(text):
    with pytest.raises(ValueError):
        parse_hidden(text)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_network_gradients_match_finite_differences(activation):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 2))
    params = [(rng.normal(size=(2, 4)), rng.normal(size=4)), (rng.normal(size=(4, 3)), rng.normal(size=3))]
    G = rng.normal(size=(5, 3))
    _, caches = network_forward(X, params, activation)
    grads = network_backward(G, caches, activation)
    h = 1e-6
    for layer in range(2):
        for which in range(2):
            array = params[layer][which]
            numeric = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                original = array[index]
                array[index] = original + h
                plus = np.sum(network_forward(X, params, activation)[0] * G)
                array[index] = original - h
                minus = np.sum(network_forward(X, params, activation)[0] * G)
                array[index] = original
                numeric[index] = (plus - minus) / (2 * h)
            np.testing.assert_allclose(grads[layer][which], numeric, rtol=1e-5, atol=1e-7)


def test_relu_network_is_the_reference_mlp():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6, 2))
    params = mlp.init_params([2, 5, 5, 3], seed=2)
    logits, _ = network_forward(X, params, "relu")
    np.testing.assert_allclose(logits, mlp.mlp_forward(X, params)[0])


# --------------------------------------------------------------------------- the trainer


def test_trainer_learns_and_records():
    trainer = Trainer("moons", (8, 8), lr=0.03)
    first = trainer.history["train"][0]
    trainer.step(300)
    assert trainer.steps == 300
    assert trainer.history["step"] == list(range(0, 301, RECORD_EVERY))
    assert len(trainer.history["train"]) == len(trainer.history["val"]) == 300 // RECORD_EVERY + 1
    assert trainer.history["train"][-1] < 0.5 * first
    assert trainer.accuracy(trainer.X_val, trainer.y_val) > 0.9
    probabilities = trainer.probabilities(trainer.X_val)
    assert probabilities.shape == (len(trainer.X_val), 2) and np.allclose(probabilities.sum(axis=1), 1.0)
    trainer.reset()
    assert trainer.steps == 0 and trainer.history["step"] == [0]


def test_trainer_is_seeded():
    a, b = Trainer("spirals", (6,), seed=3), Trainer("spirals", (6,), seed=3)
    a.step(40)
    b.step(40)
    assert all(np.array_equal(p, q) for la, lb in zip(a.params, b.params) for p, q in zip(la, lb))


def test_three_classes_and_no_hidden_layer():
    trainer = Trainer("blobs", "", activation="tanh", optimizer="sgd", lr=0.1)
    assert trainer.classes == 3 and len(trainer.params) == 1
    trainer.step(100)
    assert trainer.accuracy(trainer.X_train, trainer.y_train) > 0.8


def test_divergence_stops_training():
    trainer = Trainer("moons", (16, 16), optimizer="sgd", lr=1e6)
    trainer.step(200)
    assert trainer.diverged
    steps = trainer.steps
    trainer.step(10)
    assert trainer.steps == steps < 200
    assert isinstance(trainer.draw(), Figure)  # the picture survives NaN losses


def test_l2_shrinks_the_weights():
    plain, decayed = Trainer("circles", (16,), l2=0.0), Trainer("circles", (16,), l2=0.1)
    plain.step(300)
    decayed.step(300)
    norm = lambda t: sum(float(np.sum(W**2)) for W, _ in t.params)  # noqa: E731
    assert norm(decayed) < 0.7 * norm(plain)


def test_students_functions_are_used():
    calls = {"init_params": 0, "adam_step": 0, "sgd_step": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    functions = {name: counting(name, getattr(mlp, name)) for name in calls}
    trainer = Trainer("xor", (4,), **functions)
    trainer.step(3)
    trainer.set_optimizer("sgd")
    trainer.step(2)
    assert calls == {"init_params": 1, "adam_step": 3, "sgd_step": 2}


# --------------------------------------------------------------------------- static picture


@pytest.mark.parametrize("dataset, activation, optimizer", [("moons", "relu", "adam"), ("spirals", "tanh", "sgd")])
def test_playground_figure_is_a_figure(dataset, activation, optimizer):
    figure = playground_figure(dataset, hidden=(8,), activation=activation, optimizer=optimizer, lr=0.1, steps=50)
    assert isinstance(figure, Figure)
    regions, curves = figure.axes
    assert "step 50" in curves.get_title()
    assert len(curves.lines) == 2


# --------------------------------------------------------------------------- the widget


def png(widget: Playground) -> bytes:
    return bytes(widget.image.value)


def test_every_control_redraws_and_sets_the_state():
    widget = Playground(redraw_every=10)
    assert widget.steps == 0 and len(png(widget)) > 1000

    before = png(widget)
    widget.dataset.value = "circles"
    assert widget.trainer.dataset == "circles" and widget.steps == 0 and png(widget) != before

    widget.step(20)
    before = png(widget)
    widget.hidden.value = "4"
    assert widget.trainer.hidden == (4,) and widget.steps == 0 and png(widget) != before

    before = png(widget)
    widget.hidden.value = "four"  # not a number: the network is kept, the status says why
    assert widget.trainer.hidden == (4,) and "whole numbers" in widget.status.value and png(widget) == before

    before = png(widget)
    widget.activation.value = "tanh"
    assert widget.trainer.activation == "tanh" and png(widget) != before

    widget.step(20)
    steps = widget.steps
    for name, value, attribute in [("lr", 0.1, "lr"), ("l2", 0.01, "l2"), ("optimizer", "sgd", "optimizer")]:
        before = png(widget)
        widget.controls[name].value = value
        assert getattr(widget.trainer, attribute) == value
        assert widget.steps == steps, f"changing {name} must not restart training"
        assert png(widget) != before, f"changing {name} did not redraw"
    assert widget.trainer.state == {}


def test_step_and_reset_buttons():
    widget = Playground(redraw_every=15)
    before, draws = png(widget), widget.redraw_count
    widget.step_button.click()
    assert widget.steps == 15 and widget.redraw_count == draws + 1 and png(widget) != before
    assert "step 15" in widget.status.value
    widget.step_button.click()
    assert widget.steps == 30
    widget.reset_button.click()
    assert widget.steps == 0 and widget.trainer.history["step"] == [0]


def test_play_and_pause():
    check_play_pause_play(Playground(redraw_every=5, interval=0.0), min_steps=10)


def test_reset_stops_play_and_play_for():
    widget = Playground(redraw_every=5, interval=0.0)
    widget.play.value = True
    time.sleep(0.3)
    widget.reset_button.click()
    assert not widget.play.value and widget.steps == 0
    time.sleep(0.3)
    assert widget.steps == 0
    widget.play_for(0.5)
    widget._thread.join(5)
    assert widget.steps > 0 and not widget.play.value and not widget.playing


def test_play_stops_by_itself_when_training_diverges():
    widget = Playground(hidden="16, 16", optimizer="sgd", lr=1.0, redraw_every=5, interval=0.0)
    widget.trainer.lr = 1e6  # far beyond the dropdown: diverges within a few steps
    widget.play.value = True
    deadline = time.monotonic() + 30
    while widget.play.value and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not widget.play.value and widget.trainer.diverged
    assert "diverged" in widget.status.value


def test_own_functions_drive_the_widget():
    calls = []

    def my_adam_step(params, grads, state, lr=1e-3, **kwargs):
        calls.append(lr)
        return mlp.adam_step(params, grads, state, lr=lr, **kwargs)

    widget = Playground(adam_step=my_adam_step, lr=0.01, redraw_every=4)
    widget.step_button.click()
    assert calls == [0.01] * 4
    widget.dataset.value = "xor"  # a fresh trainer keeps your function
    widget.step(2)
    assert len(calls) == 6


def test_display_carries_png():
    bundle = Playground()._repr_mimebundle_()
    assert "image/png" in bundle and len(bundle["image/png"]) > 100


# --------------------------------------------------------------------------- no leaks


def test_no_pyplot_figures_leak():
    plt.close("all")
    widget = Playground(redraw_every=3)
    for value in (0.001, 0.01, 0.1, 0.03):
        widget.lr.value = value
    for _ in range(4):
        widget.step_button.click()
    widget.reset_button.click()
    playground_figure("xor", steps=10)
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------- one kept figure


def assert_full_picture(widget: Playground, when: str) -> None:
    """The widget's PNG is what a full draw of its kept figure, and a new figure of the same trainer, show."""
    frame = pixels(png(widget))
    assert np.abs(frame - saved(widget._live.figure)).max() <= 2, f"{when}: the frame differs from a full draw"
    fresh = pixels(figure_png(widget.trainer.draw()))
    assert np.abs(frame - fresh).max() <= 2, f"{when}: the frame differs from a new figure of the same state"


def test_steps_redraw_only_what_moves_and_show_the_full_picture():
    widget = Playground(redraw_every=10)
    widget.step(10)
    live = widget._live
    draws = live.full_draws
    for _ in range(3):
        widget.step_button.click()
        assert_full_picture(widget, f"step {widget.steps}")
    widget.lr.value = 0.1  # a setting: only the title changes
    assert_full_picture(widget, "new learning rate")
    assert widget._live is live and live.full_draws == draws, "a Step inside the axes' limits redrew the background"
    widget.step(30)  # past the first 50 steps: the loss axes get twice the room
    assert live.full_draws == draws + 1 and widget._picture.curves.get_xlim() == (0, 100)
    assert_full_picture(widget, "x axis doubled")


def test_a_new_network_gets_a_new_picture():
    widget = Playground(redraw_every=10)
    widget.step(20)
    widget.dataset.value = "spirals"
    assert widget._picture.trainer is widget.trainer
    widget.step(20)
    assert_full_picture(widget, "spirals")
    widget.trainer.lr = 1e6  # diverges: NaN losses and grey regions
    widget.trainer.optimizer = "sgd"
    widget.step(50)
    assert widget.trainer.diverged
    assert_full_picture(widget, "diverged")

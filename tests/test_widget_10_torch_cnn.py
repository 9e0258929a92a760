"""Chapter 10 feature-map explorer: every control redraws, training views play and pause, nothing leaks."""

from __future__ import annotations

import base64
import threading
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402

torch = pytest.importorskip("torch")
from matplotlib.figure import Figure  # noqa: E402
from torch import nn  # noqa: E402

from gradschool.reference.torch_cnn import ConvNet  # noqa: E402
from gradschool.widgets.base import figure_png  # noqa: E402
from gradschool.widgets.feature_maps import (  # noqa: E402
    RECORD_EVERY,
    FeatureMapExplorer,
    FeatureTrainer,
    feature_layers,
    feature_map_figure,
    layer_outputs,
)
from playing import check_play_pause_play  # noqa: E402
from tests.pictures import pixels, saved  # noqa: E402

REFERENCE_LAYERS = ["features.0", "features.1", "features.2", "features.3", "features.4", "features.5"]


pytestmark = pytest.mark.usefixtures("one_thread")  # tests/conftest.py


def fresh_convnet(seed: int = 0) -> ConvNet:
    torch.manual_seed(seed)
    return ConvNet()


class FunctionalNet(nn.Module):
    """A student-style network: layers as attributes, ReLU and pooling from torch.nn.functional."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 12, 3, padding=1)
        self.fc = nn.Linear(12 * 2 * 2, 10)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = nn.functional.max_pool2d(torch.relu(self.conv2(x)), 2)
        return self.fc(x.flatten(1))


def png(widget: FeatureMapExplorer) -> bytes:
    return bytes(widget.image.value)


# --------------------------------------------------------------------------- looking inside


def test_feature_layers_follow_the_forward_pass():
    assert feature_layers(fresh_convnet()) == REFERENCE_LAYERS
    assert feature_layers(FunctionalNet()) == ["conv1", "conv2"]  # functional ReLU/pool are not modules


def test_layer_outputs_have_the_expected_shapes():
    images = torch.rand(3, 1, 8, 8)
    outputs = layer_outputs(fresh_convnet(), images)
    shapes = {name: tuple(out.shape) for name, out in outputs.items()}
    assert shapes == {"features.0": (3, 32, 8, 8), "features.1": (3, 32, 8, 8), "features.2": (3, 32, 4, 4),
                      "features.3": (3, 64, 4, 4), "features.4": (3, 64, 4, 4), "features.5": (3, 64, 2, 2)}
    assert (outputs["features.1"] >= 0).all()


def test_probing_leaves_the_model_as_it_was():
    model = fresh_convnet()
    model.train()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    layer_outputs(model, torch.rand(2, 1, 8, 8))
    feature_layers(model)
    assert model.training
    assert not any(m._forward_hooks for m in model.modules()), "hooks must be removed"
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


# --------------------------------------------------------------------------- static picture


def test_feature_map_figure_is_a_figure_for_every_layer():
    model = fresh_convnet()
    for layer in (REFERENCE_LAYERS[0], REFERENCE_LAYERS[-1]):
        figure = feature_map_figure(model, digit_index=3, layer=layer)
        assert isinstance(figure, Figure)
        titles = " ".join(ax.get_title() for ax in figure.axes)
        assert layer in titles and "filters of" in titles
    figure = feature_map_figure(FunctionalNet(), digit_index=0)  # default layer: the first one
    assert "conv1" in " ".join(ax.get_title() for ax in figure.axes)


def test_feature_map_figure_rejects_an_unknown_layer():
    with pytest.raises(ValueError):
        feature_map_figure(fresh_convnet(), layer="classifier")


# --------------------------------------------------------------------------- trainer


def test_trainer_learns_and_resets_without_touching_the_original():
    original = fresh_convnet()
    weights = original.features[0].weight.detach().clone()
    trainer = FeatureTrainer(model=original, seed=0)
    start_accuracy = trainer.history["accuracy"][0]
    trainer.step(3 * RECORD_EVERY)
    assert trainer.steps == 3 * RECORD_EVERY
    assert trainer.history["step"] == [0, RECORD_EVERY, 2 * RECORD_EVERY, 3 * RECORD_EVERY]
    assert np.isnan(trainer.history["loss"][0]) and np.isfinite(trainer.history["loss"][1:]).all()
    assert trainer.history["accuracy"][-1] > start_accuracy + 0.2, "30 Adam steps should lift the test accuracy"
    assert torch.equal(original.features[0].weight, weights), "the model passed in must not change"
    trainer.reset()
    assert trainer.steps == 0 and trainer.history["step"] == [0]
    assert torch.equal(trainer.model.features[0].weight, weights)


def test_trainer_without_a_model_is_seeded():
    a, b = FeatureTrainer(seed=3), FeatureTrainer(seed=3)
    assert torch.equal(a.model.features[0].weight, b.model.features[0].weight)
    assert not torch.equal(a.model.features[0].weight, FeatureTrainer(seed=4).model.features[0].weight)
    own = FeatureTrainer(make_model=FunctionalNet)
    assert isinstance(own.model, FunctionalNet)


# --------------------------------------------------------------------------- the explorer


def test_every_control_redraws():
    widget = FeatureMapExplorer(redraw_every=5)
    assert widget.redraw_count == 1 and png(widget).startswith(b"\x89PNG")
    pictures = [png(widget)]
    widget.digit.value = 7
    pictures.append(png(widget))
    assert [value for _, value in widget.layer.options] == REFERENCE_LAYERS
    widget.layer.value = "features.4"
    pictures.append(png(widget))
    assert len(set(pictures)) == 3, "every control change must change the picture"
    assert widget.redraw_count == 3


def test_step_and_reset_buttons():
    widget = FeatureMapExplorer(redraw_every=10)
    before, draws = png(widget), widget.redraw_count
    widget.step_button.click()
    assert widget.steps == 10 and widget.redraw_count == draws + 1 and png(widget) != before
    assert widget.status.value.startswith("step 10")
    widget.step(5)
    assert widget.steps == 15
    widget.reset_button.click()
    assert widget.steps == 0 and widget.status.value.startswith("step 0")


def test_explorer_of_a_trained_model_starts_from_it():
    model = fresh_convnet()
    explorer = FeatureMapExplorer(model=model, layer="features.2")
    assert explorer.layer.value == "features.2"
    assert torch.equal(explorer.trainer.model.features[0].weight, model.features[0].weight)
    assert explorer.trainer.model is not model
    with pytest.raises(ValueError):
        FeatureMapExplorer(model=model, layer="nope")


def test_play_and_pause_leave_no_thread():
    threads_before = threading.active_count()
    check_play_pause_play(FeatureMapExplorer(redraw_every=2, interval=0.0), min_steps=4)
    assert threading.active_count() <= threads_before


def test_reset_stops_play_and_play_for():
    widget = FeatureMapExplorer(redraw_every=2, interval=0.0)
    widget.play.value = True
    time.sleep(0.3)
    widget.reset_button.click()
    widget._thread.join(10)
    assert not widget.play.value and widget.steps == 0
    widget.play_for(0.5)
    widget._thread.join(10)
    assert not widget.play.value and not widget.playing
    assert widget.steps > 0 or widget.redraw_count > 0


def test_display_carries_png():
    widget = FeatureMapExplorer()
    bundle = widget._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == png(widget)


def test_no_pyplot_figures_leak():
    plt.close("all")
    widget = FeatureMapExplorer(redraw_every=3)
    for value in (1, 2, 3):
        widget.digit.value = value
    widget.layer.value = "features.5"
    widget.step_button.click()
    widget.reset_button.click()
    feature_map_figure(fresh_convnet(), 0)
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------- one kept figure


def assert_full_picture(widget: FeatureMapExplorer, when: str) -> None:
    """The widget's PNG is what a full draw of its kept figure, and a new figure of the same state, show."""
    frame = pixels(png(widget))
    assert np.abs(frame - saved(widget._live.figure)).max() <= 2, f"{when}: the frame differs from a full draw"
    fresh = pixels(figure_png(widget.figure()))
    assert frame.shape == fresh.shape
    assert np.mean(np.abs(frame - fresh).max(axis=2) > 2) < 1e-3, f"{when}: the frame differs from a new figure"


def test_new_digits_redraw_only_what_moves_and_show_the_full_picture():
    widget = FeatureMapExplorer(redraw_every=5)
    widget.step(20)  # trained: the legend is in the background now
    live = widget._live
    draws = live.full_draws
    for value in (3, 8, 1, 8):
        widget.digit.value = value
        assert_full_picture(widget, f"digit {value}")
    assert widget._live is live and live.full_draws == draws, "a new digit redrew the background"
    widget.step(5)
    assert live.full_draws == draws, "a training frame inside the axes' limits redrew the background"
    assert_full_picture(widget, "after a step")


def test_training_past_the_axes_and_a_new_layer_redraw_the_background():
    widget = FeatureMapExplorer(redraw_every=5)
    draws = widget._live.full_draws
    widget.step(10)  # the first record: legend shown instead of the placeholder
    assert widget._live.full_draws == draws + 1
    assert_full_picture(widget, "first record")
    widget.step(100)  # past the first 100 steps: the x axis doubles
    assert widget._live.full_draws == draws + 2
    assert widget._picture.history.axes.get_xlim() == (0, 200)
    assert_full_picture(widget, "x axis doubled")
    widget.layer.value = "features.3"
    assert widget._picture.layer == "features.3"
    assert_full_picture(widget, "new layer")
    widget.reset()
    assert_full_picture(widget, "reset")

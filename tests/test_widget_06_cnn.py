"""The chapter 6 widget: ConvolutionStepper and the static convolution_figure / kernel_gallery_figure."""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gradschool.reference.conv import conv2d_forward  # noqa: E402
from gradschool.widgets.convolution import (  # noqa: E402
    KERNELS,
    ConvolutionStepper,
    convolution_figure,
    digit_image,
    feature_map,
    kernel_gallery_figure,
)
from tests.pictures import pixels as _pixels  # noqa: E402


@pytest.fixture
def stepper():
    widget = ConvolutionStepper(digit_index=3, kernel="sobel x", stride=1, pad=1, interval=0.02)
    yield widget
    widget.pause()


def changes_picture(widget, action) -> bytes:
    """Run ``action`` and require a new, different PNG; return it."""
    before, count = widget.image.value, widget.redraw_count
    action()
    assert widget.redraw_count > count
    assert widget.image.value != before
    assert widget.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    return widget.image.value


def test_starts_at_the_first_cell_with_a_picture(stepper):
    assert stepper.position.value == 0
    assert stepper.current_cell == (0, 0)
    assert stepper.cells == 64  # 8x8 digit, 3x3 kernel, pad 1, stride 1 -> 8x8
    assert stepper.position.max == 63
    bundle = stepper._repr_mimebundle_()
    assert "image/png" in bundle


def test_every_dropdown_redraws_and_changes_state(stepper):
    changes_picture(stepper, lambda: setattr(stepper.digit, "value", 5))
    changes_picture(stepper, lambda: setattr(stepper.kernel, "value", "blur"))
    changes_picture(stepper, lambda: setattr(stepper.pool, "value", "avg"))
    stepper.position.value = 10
    changes_picture(stepper, lambda: setattr(stepper.position, "value", 20))
    assert stepper.current_cell == (2, 4)
    image, _ = digit_image(5)
    np.testing.assert_allclose(stepper.feature_map(), feature_map(image, KERNELS["blur"], 1, 1))


def test_stride_and_padding_resize_the_step_slider(stepper):
    stepper.position.value = 63
    changes_picture(stepper, lambda: setattr(stepper.stride, "value", 2))
    assert stepper.cells == 16 and stepper.position.max == 15
    assert stepper.position.value == 15  # clamped into range
    assert stepper.feature_map().shape == (4, 4)
    count = stepper.redraw_count
    changes_picture(stepper, lambda: setattr(stepper.pad, "value", 0))
    assert stepper.redraw_count == count + 1  # one redraw per change, not one per trait it touched
    assert stepper.cells == 9 and stepper.position.max == 8 and stepper.position.value == 8
    changes_picture(stepper, lambda: setattr(stepper.pad, "value", 2))
    assert stepper.cells == 25 and stepper.position.max == 24


def test_step_button_and_step_method(stepper):
    changes_picture(stepper, stepper.step_button.click)
    assert stepper.position.value == 1
    changes_picture(stepper, lambda: stepper.step(9))
    assert stepper.position.value == 10 and stepper.current_cell == (1, 2)
    stepper.step(1000)
    assert stepper.position.value == 63 and stepper.finished
    count = stepper.redraw_count
    stepper.step(1)  # already at the end: nothing moves
    assert stepper.position.value == 63 and stepper.redraw_count == count


def test_reset_button(stepper):
    stepper.step(12)
    changes_picture(stepper, stepper.reset_button.click)
    assert stepper.position.value == 0 and not stepper.playing


def test_play_advances_in_the_background_and_pause_stops_quickly(stepper):
    stepper.play.value = True
    assert stepper.play.description == "Pause"
    deadline = time.time() + 10
    while stepper.position.value < 3 and time.time() < deadline:
        time.sleep(0.02)
    assert stepper.position.value >= 3
    start = time.perf_counter()
    stepper.play.value = False
    # pause() waits at most 0.3 s; a redraw already under way may finish after that, but no step follows
    assert time.perf_counter() - start < 0.3 + 0.2
    assert stepper.play.description == "Play"
    stopped_at = stepper.position.value
    deadline = time.time() + 5
    while stepper.playing and time.time() < deadline:
        time.sleep(0.02)
    assert not stepper.playing
    time.sleep(0.1)
    assert stepper.position.value == stopped_at


def test_play_runs_to_the_end_and_stops_by_itself():
    widget = ConvolutionStepper(stride=3, pad=0, interval=0.01)  # 2x2 map: 4 cells
    widget.play.value = True
    deadline = time.time() + 10
    while widget.playing and time.time() < deadline:
        time.sleep(0.02)
    assert not widget.playing
    assert widget.finished and widget.position.value == 3
    assert widget.play.value is False


def test_uses_the_students_conv_forward_when_given():
    calls = []

    def my_conv(x, w, b, stride=1, pad=0):
        calls.append((x.shape, w.shape, stride, pad))
        return conv2d_forward(x, w, b, stride, pad)

    widget = ConvolutionStepper(conv_forward=my_conv)
    assert calls and calls[0] == ((1, 1, 8, 8), (1, 1, 3, 3), 1, 1)

    def broken_conv(x, w, b, stride=1, pad=0):
        out, cache = conv2d_forward(x, w, b, stride, pad)
        return np.zeros_like(out), cache

    widget = ConvolutionStepper(conv_forward=broken_conv)
    assert np.all(widget.feature_map() == 0)


def test_static_figures_return_figures():
    figure = convolution_figure(digit_index=3, kernel="sobel y", stride=2, pad=1, position=5)
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 5
    assert "out[1, 1]" in figure.axes[3].get_title()
    complete = convolution_figure(0, "identity", 1, 0, position=None)
    assert "out[5, 5]" in complete.axes[3].get_title()  # None shows the finished 6x6 map
    tiny = convolution_figure(0, "blur", 3, 0)  # a 2x2 map pools to 1x1
    assert isinstance(tiny, Figure)
    gallery = kernel_gallery_figure(digit_image(0)[0])
    assert isinstance(gallery, Figure) and len(gallery.axes) == len(KERNELS) + 1


def test_identity_kernel_copies_the_digit():
    image, _ = digit_image(7)
    np.testing.assert_allclose(feature_map(image, "identity", 1, 1), image)
    np.testing.assert_allclose(feature_map(image, "identity", 2, 1), image[::2, ::2])


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        convolution_figure(kernel="emboss")
    with pytest.raises(ValueError):
        convolution_figure(pool="median")


def test_no_pyplot_figures_leak_after_many_redraws(stepper):
    before = len(plt.get_fignums())
    for k in range(10):
        stepper.step(1)
        stepper.kernel.value = list(KERNELS)[k % len(KERNELS)]
    convolution_figure()
    assert len(plt.get_fignums()) == before == 0


# --------------------------------------------------------------------------- the live picture


def _same_as_full_draw(widget: ConvolutionStepper) -> None:
    """The widget's picture is convolution_figure's for the same state (2 levels per channel, or a
    hundredth of a percent of the pixels, may differ)."""
    from gradschool.widgets.base import figure_png

    figure = convolution_figure(widget.digit.value, widget.kernel.value, widget.stride.value, widget.pad.value,
                                widget.position.value, widget.pool.value, widget.conv_forward)
    shown, full = _pixels(widget.image.value), _pixels(figure_png(figure))
    assert shown.shape == full.shape
    assert (np.abs(shown - full).max(axis=2) > 2).mean() < 1e-4, "the live picture is not the full draw"


def test_steps_only_redraw_what_moves_and_match_a_full_draw(stepper):
    live = stepper._live
    draws = live.full_draws
    for action in (lambda: stepper.step(1), lambda: stepper.step(11), lambda: setattr(stepper.position, "value", 40),
                   lambda: stepper.step(1000), stepper.reset):
        action()
        _same_as_full_draw(stepper)
    assert stepper._live is live and live.full_draws == draws, "a step redrew the whole figure"


@pytest.mark.parametrize("stride, pad, pool, position", [(2, 0, "avg", 5), (3, 0, "max", 3), (1, 2, "avg", 37)])
def test_every_geometry_matches_a_full_draw(stepper, stride, pad, pool, position):
    stepper.kernel.value = "sharpen"  # a dropdown: a new figure
    stepper.stride.value, stepper.pad.value, stepper.pool.value = stride, pad, pool
    stepper.position.value = position
    _same_as_full_draw(stepper)
    stepper.step(1)
    _same_as_full_draw(stepper)


def test_a_retired_stepper_lets_go_of_its_figure(stepper):
    stepper.retire()
    with pytest.raises(RuntimeError, match="replaced"):
        stepper._live.png()

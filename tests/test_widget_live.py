"""LivePicture (gradschool/widgets/live.py): a frame drawn over the cached background is the picture
a full draw of the same figure gives, and the figure stays an ordinary one between frames."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from gradschool.widgets.base import new_figure  # noqa: E402
from gradschool.widgets.live import LivePicture  # noqa: E402
from tests.pictures import drawn as _full, pixels as _pixels  # noqa: E402


def _picture():
    figure = new_figure(6.0, 3.0)
    left, right = figure.subplots(1, 2)
    xs = np.linspace(-3, 3, 200)
    left.plot(xs, np.tanh(xs), color="C0")
    left.set_xlim(-3, 3)
    left.set_ylim(-1.2, 1.2)
    right.set_xlim(0, 10)
    right.set_ylim(0, 1)
    live = LivePicture(figure)
    marker = live.moving(left.plot([0.0], [0.0], "o", color="C3")[0])
    label = live.moving(left.text(0.05, 0.9, "", transform=left.transAxes))
    curve = live.moving(right)  # a whole axes redrawn every frame
    line = right.plot([], [], color="C1")[0]
    return figure, live, marker, label, curve, line


def test_a_frame_over_the_background_is_the_full_picture():
    figure, live, marker, label, _right, line = _picture()
    live.png()
    for step, z in enumerate([-2.0, 0.5, 1.7]):
        marker.set_data([z], [np.tanh(z)])
        label.set_text(f"z = {z:.2f}")
        line.set_data(np.arange(step + 2), np.linspace(0.2, 0.8, step + 2))
        frame = _pixels(live.png())
        assert np.abs(frame - _full(figure)).max() <= 1, f"frame {step} differs from a full draw"
    assert live.full_draws == 1, "a frame that only moved registered artists redrew the background"


def test_the_old_position_of_a_moving_artist_is_gone():
    figure, live, marker, *_ = _picture()
    marker.set_data([-2.5], [np.tanh(-2.5)])
    before = _pixels(live.png())
    marker.set_data([2.5], [np.tanh(2.5)])
    after = _pixels(live.png())
    marker.set_data([-2.5], [np.tanh(-2.5)])
    again = _pixels(live.png())
    assert np.abs(before - after).max() > 50, "moving the marker changed nothing"
    assert np.array_equal(before, again), "the marker's old position was left on the picture"


def test_invalidate_redraws_a_changed_background():
    figure, live, *_ = _picture()
    left = figure.axes[0]
    live.png()
    left.lines[0].set_color("C2")  # static: not seen until invalidate()
    stale = _pixels(live.png())
    live.invalidate()
    fresh = _pixels(live.png())
    assert live.full_draws == 2
    assert np.abs(fresh - _full(figure)).max() <= 1
    assert np.abs(stale - fresh).max() > 50, "the static change was drawn before invalidate()"


def test_between_frames_the_figure_saves_every_artist():
    figure, live, marker, label, *_ = _picture()
    label.set_text("saved")
    live.png()
    assert all(not a.get_animated() for a in (marker, label)), "moving artists stay hidden from savefig"
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    assert np.abs(_pixels(buffer.getvalue()) - _pixels(live.png())).max() <= 1


def test_an_axis_end_doubles_until_it_holds_the_value():
    from gradschool.widgets.live import doubled_until

    assert [doubled_until(50, v) for v in (0, 50, 51, 100, 101, 399)] == [50, 50, 100, 100, 200, 400]


def test_a_now_and_then_artist_is_redrawn_by_redraw_layer_alone():
    figure, live, marker, *_ = _picture()
    left = figure.axes[0]
    note = left.text(0.5, 0.1, "first", transform=left.transAxes)
    live.now_and_then(note, left.title)
    left.set_title("a title")
    live.png()
    draws = live.full_draws
    note.set_text("second")
    marker.set_data([1.0], [np.tanh(1.0)])
    stale = _pixels(live.png())  # the marker moves; the layer is still the old one
    live.redraw_layer()
    fresh = _pixels(live.png())
    assert live.full_draws == draws and live.layer_draws == 2, "redraw_layer drew the whole figure"
    assert np.abs(fresh - _full(figure)).max() <= 1
    assert np.abs(stale - fresh).max() > 50, "the changed text was drawn before redraw_layer()"


def test_close_lets_go_of_the_pixels_and_the_artists():
    figure, live, *_ = _picture()
    live.png()
    live.close()
    assert live.canvas.renderer is None and live._background is None and live._layer is None
    assert figure.axes == [] and live._moving == []

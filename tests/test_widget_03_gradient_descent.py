"""Chapter 3 widgets: every control redraws the picture and leaves the right state behind."""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from gradschool.widgets.descent import (  # noqa: E402
    MAX_STEPS,
    RUNAWAY,
    SURFACES,
    DescentExplorer,
    descend,
    descent_figure,
)
from tests.pictures import pixels as _pixels  # noqa: E402


def _heavy_ball(grad_fn, x0, lr, beta, steps):
    """An independent heavy ball, shaped like the chapter's momentum_descent."""
    x, v, path = np.array(x0, dtype=float), np.zeros(len(x0)), [np.array(x0, dtype=float)]
    for _ in range(steps):
        v = beta * v + grad_fn(x)
        x = x - lr * v
        path.append(x)
    return np.array(path)


# --------------------------------------------------------------------------- the surfaces and descend


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_surface_gradients_match_the_losses(name):
    surface = SURFACES[name]
    rng = np.random.default_rng(0)
    for point in rng.uniform(-2, 2, size=(5, 2)):
        numeric = np.array([
            (surface.loss(point[0] + 1e-6, point[1]) - surface.loss(point[0] - 1e-6, point[1])) / 2e-6,
            (surface.loss(point[0], point[1] + 1e-6) - surface.loss(point[0], point[1] - 1e-6)) / 2e-6,
        ])
        assert np.allclose(surface.grad(point), numeric, atol=1e-6)
    grid = np.linspace(-3, 3, 61)
    X, Y = np.meshgrid(grid, grid)
    assert surface.loss(X, Y).min() >= surface.minimum - 1e-12


@pytest.mark.parametrize("name", sorted(SURFACES))
@pytest.mark.parametrize("lr, beta", [(0.05, 0.0), (0.02, 0.9)])
def test_descend_is_the_heavy_ball(name, lr, beta):
    path = descend(name, (-2.5, 1.0), lr, beta, 25)
    assert path.shape == (26, 2)
    assert np.allclose(path, _heavy_ball(SURFACES[name].grad, np.array([-2.5, 1.0]), lr, beta, 25))


def test_descend_stops_when_it_runs_away():
    path = descend("bowl", (-2.5, 1.0), 3.0, 0.0, 100)  # x <- -2 x: diverges
    assert len(path) < 101
    assert np.max(np.abs(path[-1])) > RUNAWAY and np.all(np.max(np.abs(path[:-1]), axis=1) <= RUNAWAY)


def test_saddle_point_traps_a_start_on_its_axis():
    stuck = descend("saddle", (-2.5, 0.0), 0.1, 0.0, 200)
    assert np.allclose(stuck[-1], [0.0, 0.0], atol=1e-6)
    escaped = descend("saddle", (-2.5, 1e-3), 0.1, 0.6, 200)
    assert np.allclose(np.abs(escaped[-1]), [0.0, 1.0], atol=1e-3)


# --------------------------------------------------------------------------- static picture


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_descent_figure_is_a_figure_for_every_surface(name):
    figure = descent_figure(name, lr=0.05, momentum=0.5, start=(1.0, -2.0), steps=20)
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 2
    assert "20 steps" in figure.axes[1].get_title()


def test_descent_figure_says_when_it_diverges():
    texts = [t.get_text() for t in descent_figure("bowl", lr=3.0, steps=50).axes[1].texts]
    assert any("diverged" in t for t in texts)
    texts = [t.get_text() for t in descent_figure("bowl", lr=2.1, steps=20).axes[1].texts]
    assert any("grows" in t for t in texts)  # slowly diverging, still on the map


def test_descent_figure_uses_a_given_descent_fn():
    calls = []

    def fake(grad_fn, x0, lr, beta, steps):
        calls.append((tuple(x0), lr, beta, steps))
        return np.array([x0, [0.5, 0.5], [0.0, 0.0]])

    figure = descent_figure("valley", lr=0.1, momentum=0.3, start=(2.0, 2.0), steps=2, descent_fn=fake)
    assert calls == [((2.0, 2.0), 0.1, 0.3, 2)]
    path_line = figure.axes[0].lines[0]
    assert np.allclose(path_line.get_xydata(), [[2.0, 2.0], [0.5, 0.5], [0.0, 0.0]])


def test_descent_figure_survives_a_descent_fn_that_overflows():
    def exploding(grad_fn, x0, lr, beta, steps):
        return np.array([x0, [1e5, 0.0], [np.inf, np.nan]])

    assert isinstance(descent_figure("bowl", steps=2, descent_fn=exploding), Figure)


def test_unknown_surface_is_refused():
    with pytest.raises(ValueError):
        descent_figure("banana")
    with pytest.raises(ValueError):
        DescentExplorer(surface="banana")


# --------------------------------------------------------------------------- DescentExplorer


def test_every_control_redraws_and_sets_the_state():
    explorer = DescentExplorer(surface="valley", lr=0.05, momentum=0.0, start=(-2.5, 1.0), steps=10)
    changes = [("lr", 0.02), ("momentum", 0.8), ("start_x", 1.5), ("start_y", -2.0), ("steps", 25),
               ("surface", "saddle"), ("surface", "bowl"), ("surface", "valley")]
    for name, value in changes:
        before, count = explorer.image.value, explorer.redraw_count
        explorer.controls[name].value = value
        assert explorer.redraw_count == count + 1, name
        assert explorer.image.value != before, f"changing {name} did not change the picture"
        # every change restarts from the start point and takes `steps` steps at once
        assert explorer.steps_taken == explorer.steps.value
        expected = descend(explorer.surface.value, (explorer.start_x.value, explorer.start_y.value),
                           explorer.lr.value, explorer.momentum.value, explorer.steps.value)
        assert np.allclose(explorer.path, expected), name
    assert "step 25" in explorer.status.value


def test_step_and_reset_buttons():
    explorer = DescentExplorer(surface="bowl", lr=0.1, momentum=0.5, start=(2.0, -1.0), steps=5)
    before = explorer.image.value
    explorer.step_button.click()
    assert explorer.steps_taken == 6 and len(explorer.path) == 7
    assert explorer.image.value != before
    explorer.step(4)
    assert explorer.steps_taken == 10
    assert np.allclose(explorer.path, descend("bowl", (2.0, -1.0), 0.1, 0.5, 10))
    assert np.allclose(explorer.position, explorer.path[-1])
    stepped = explorer.image.value
    explorer.reset_button.click()
    assert explorer.steps_taken == 0 and explorer.path.shape == (1, 2)
    assert np.allclose(explorer.position, [2.0, -1.0])
    assert explorer.image.value != stepped
    explorer.step(10 * MAX_STEPS)  # never more than MAX_STEPS
    assert explorer.steps_taken == MAX_STEPS


def test_divergence_stops_the_path():
    explorer = DescentExplorer(surface="bowl", lr=3.0, steps=50)
    assert explorer.diverged and explorer.finished and len(explorer.path) < 51
    assert "diverged" in explorer.status.value
    length = len(explorer.path)
    explorer.step(5)
    assert len(explorer.path) == length  # nothing more to do once it ran away
    explorer.lr.value = 0.1  # a stable learning rate starts over, converging
    assert not explorer.diverged and len(explorer.path) == 51


def test_own_descent_fn_is_used():
    explorer = DescentExplorer(surface="valley", lr=0.03, momentum=0.7, steps=12, descent_fn=_heavy_ball)
    assert np.allclose(explorer.path, descend("valley", (-2.5, 1.0), 0.03, 0.7, 12))

    def lazy(grad_fn, x0, lr, beta, steps):  # a "student" function that stays put
        return np.repeat(np.asarray(x0, dtype=float)[None, :], steps + 1, axis=0)

    explorer = DescentExplorer(steps=7, descent_fn=lazy)
    assert explorer.path.shape == (8, 2) and np.allclose(explorer.path, [-2.5, 1.0])


def test_play_and_pause():
    explorer = DescentExplorer(surface="valley", lr=0.01, steps=0, interval=0.02, redraw_every=2)
    draws = explorer.redraw_count
    explorer.play.value = True
    assert explorer.play.description == "Pause"
    deadline = time.monotonic() + 15
    while explorer.steps_taken < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert explorer.steps_taken >= 4, "Play did not advance the descent"
    start = time.monotonic()
    explorer.play.value = False
    assert time.monotonic() - start < 0.5
    taken = explorer.steps_taken
    time.sleep(0.3)
    assert explorer.steps_taken == taken, "the descent went on after Pause"
    explorer._thread.join(5)
    assert not explorer.playing and explorer.play.description == "Play"
    assert explorer.redraw_count > draws
    assert explorer.steps_taken % 2 == 0  # redraw_every steps per redraw
    assert f"step {explorer.steps_taken}," in explorer.status.value  # the picture shows the last state


def test_play_stops_by_itself_and_reset_stops_play():
    explorer = DescentExplorer(surface="bowl", lr=1.0, steps=0, interval=0.0)  # lr = 1: at the minimum in one step
    explorer.play.value = True
    deadline = time.monotonic() + 15
    while explorer.play.value and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not explorer.play.value and explorer.finished
    explorer._thread.join(5)
    assert np.allclose(explorer.position, [0.0, 0.0])
    explorer.play.value = True  # nothing left to do: Play switches itself off
    deadline = time.monotonic() + 5
    while explorer.play.value and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not explorer.play.value

    explorer = DescentExplorer(surface="valley", lr=0.001, steps=0, interval=0.02)
    explorer.play.value = True
    time.sleep(0.3)
    explorer.reset_button.click()
    assert not explorer.play.value and explorer.steps_taken == 0
    time.sleep(0.2)
    assert explorer.steps_taken == 0


def test_display_carries_png():
    bundle = DescentExplorer()._repr_mimebundle_()
    assert "image/png" in bundle and len(bundle["image/png"]) > 100


# --------------------------------------------------------------------------- no leaks


def test_no_pyplot_figures_leak():
    plt.close("all")
    explorer = DescentExplorer(steps=5)
    for k in range(6):
        explorer.controls["lr"].value = 0.01 * (k + 1)
    for _ in range(3):
        explorer.step_button.click()
    explorer.reset_button.click()
    descent_figure("saddle")
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------- the live picture


def _same_as_full_draw(explorer: DescentExplorer) -> None:
    """The widget's picture is descent_figure's for the same state (2 levels per channel, or a
    hundredth of a percent of the pixels, may differ)."""
    from gradschool.widgets.base import figure_png

    figure = descent_figure(explorer.surface.value, explorer.lr.value, explorer.momentum.value,
                            (explorer.start_x.value, explorer.start_y.value), explorer.steps_taken, explorer.descent_fn)
    shown, full = _pixels(explorer.image.value), _pixels(figure_png(figure))
    assert shown.shape == full.shape
    assert (np.abs(shown - full).max(axis=2) > 2).mean() < 1e-4, "the live picture is not the full draw"


def test_steps_only_redraw_the_path_until_the_loss_axes_rescale():
    explorer = DescentExplorer(surface="valley", lr=0.02, momentum=0.0, start=(-2.5, 1.0), steps=41)
    live = explorer._live
    draws = live.full_draws
    for _ in range(3):  # 42, 43, 44 steps: the loss axes still end at 45
        explorer.step_button.click()
    assert explorer._live is live and live.full_draws == draws, "a step redrew the whole figure"
    _same_as_full_draw(explorer)
    explorer.step(2)  # 46 steps: the step axis grows to 50, the background is drawn again
    assert live.full_draws == draws + 1
    _same_as_full_draw(explorer)


def test_sliders_move_the_path_over_the_same_background():
    explorer = DescentExplorer(surface="saddle", lr=0.1, momentum=0.5, start=(-2.5, 0.5), steps=30)
    live = explorer._live
    draws = live.full_draws
    for name, value in [("start_x", 1.5), ("start_y", -0.75), ("momentum", 0.7), ("start_x", -1.0)]:
        explorer.controls[name].value = value
        _same_as_full_draw(explorer)
    assert explorer._live is live
    assert live.full_draws - draws <= 2, "moving the start redrew the background on most changes"


@pytest.mark.parametrize("surface, lr, momentum, steps", [("bowl", 3.0, 0.0, 50), ("bowl", 2.1, 0.0, 20),
                                                          ("valley", 0.05, 0.9, 120), ("saddle", 0.1, 0.0, 0)])
def test_every_verdict_matches_a_full_draw(surface, lr, momentum, steps):
    explorer = DescentExplorer(surface="valley", lr=0.05, steps=10)
    explorer.surface.value = surface  # a new figure for the new contours
    explorer.momentum.value = momentum
    explorer.steps.value = steps
    explorer.lr.value = lr
    _same_as_full_draw(explorer)
    explorer.step(3)
    _same_as_full_draw(explorer)


def test_loss_axes_leave_room_to_grow():
    from gradschool.widgets.descent import _loss_limits

    (x0, x1), (y0, y1) = _loss_limits(np.array([13.0, 2.0, 0.4]))  # [0.08, 65] -> [0.01, 100]
    assert (x0, x1) == (0.0, 10.0) and y0 == pytest.approx(0.01) and y1 == pytest.approx(100.0)
    assert _loss_limits(np.ones(42))[0] == (0.0, 45.0)
    assert _loss_limits(np.ones(102))[0] == (0.0, 150.0)
    assert _loss_limits(np.ones(2001))[0] == (0.0, 2000.0)
    (_, _), (y0, y1) = _loss_limits(np.array([1e300, 1e-16]))  # runaway and converged: still finite
    assert 0 < y0 <= 1e-16 / 5 and np.isfinite(y1)


def test_a_retired_explorer_lets_go_of_its_figure():
    explorer = DescentExplorer(steps=5)
    explorer.retire()
    with pytest.raises(RuntimeError, match="replaced"):
        explorer._live.png()

"""A change the student makes in the browser is drawn in the background, newest first (issue 6).

The browser's changes reach a widget through ``Widget.set_state`` (what ipywidgets calls for a
comm ``update`` message); these tests call it the same way. A burst of them must not queue one
redraw each: the kernel's handler only asks for a redraw, at most the one in progress plus one
more are drawn, and the last picture is the one for the final value. A change made in Python
(a cell, a test, a play loop) still draws at once.
"""

from __future__ import annotations

import threading

import pytest

from gradschool.widgets.base import BrowserRedraw
from gradschool.widgets.latest import LatestOnly, from_browser

import test_widget_requirements as req

# Per widget, a control whose change only redraws (no reset, no new network).
CONTROL = {
    "NeuronExplorer": "w1", "ActivationExplorer": "z", "DescentExplorer": "learning rate", "GraphExplorer": "x1",
    "Playground": "L2", "ConvolutionStepper": "step", "UnrolledRNNExplorer": "weight scale",
    "GanLab": "D learning rate", "FeatureMapExplorer": "test digit", "TextSampler": "temperature",
    "TrainingView": "clip grad norm",
}


@pytest.fixture(scope="module")
def inputs() -> dict:
    return {"text": req._text_inputs()}


def _control(widget, description):
    return next(c for c in req._controls(widget) if c.description == description)


def _values(control, n: int) -> list:
    """``n`` values of ``control`` in a walk away from its current one and back (as arrow keys give)."""
    if hasattr(control, "options") and not hasattr(control, "step"):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [options[(options.index(control.value) + 1 + i) % len(options)] for i in range(n)]
    if type(control).__name__ == "FloatLogSlider":
        import math
        exponent = math.log(control.value, control.base)
        span = control.max - control.min
        return [control.base ** (control.min + (exponent - control.min + control.step * (i + 1)) % span) for i in range(n)]
    span = control.max - control.min
    return [type(control.value)(control.min + (control.value - control.min + control.step * (i + 1)) % span) for i in range(n)]


def _browser_state(control, value) -> dict:
    """The state the browser sends for ``value``: a dropdown sends its index."""
    if hasattr(control, "options") and not hasattr(control, "step"):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return {"index": options.index(value)}
    return {"value": value}


def _lock_of(widget):
    return widget._draw_lock if hasattr(widget, "_draw_lock") else widget._lock


def _redraw_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.endswith(" redraw")]


@pytest.mark.parametrize("name", sorted(CONTROL))
def test_a_burst_from_the_browser_draws_twice_and_ends_on_the_final_value(name, inputs):
    widget = req._make(name, inputs)
    assert isinstance(widget, BrowserRedraw)
    control = _control(widget, CONTROL[name])
    values = _values(control, 12)
    before = widget.redraw_count
    with _lock_of(widget):  # a redraw is "in progress": every change of the burst arrives meanwhile
        for value in values:
            control.set_state(_browser_state(control, value))  # what a comm "update" from the browser runs
        assert widget.redraw_count == before, "a change from the browser was drawn in the kernel's handler"
        assert control.value == values[-1]
    assert widget.wait_drawn(60), "the background redraw did not finish"
    assert widget._later.error is None, widget._later.error
    # the run that was waiting for the lock (it reads the controls once it has it), then one for the rest
    assert widget.redraw_count - before in (1, 2), f"{widget.redraw_count - before} redraws for a burst of {len(values)}"
    shown = bytes(widget.image.value)
    widget.redraw()  # drawn from Python, at once, for the same (final) state
    assert bytes(widget.image.value) == shown, "the picture after the burst is not the final value's"
    for thread in _redraw_threads():
        thread.join(5)
    assert not _redraw_threads(), "an idle widget still holds a redraw thread"


@pytest.mark.parametrize("name", ["NeuronExplorer", "GanLab"])
def test_a_change_from_python_draws_at_once(name, inputs):
    widget = req._make(name, inputs)
    control = _control(widget, CONTROL[name])
    before, picture = widget.redraw_count, bytes(widget.image.value)
    control.value = _values(control, 1)[0]
    assert widget.redraw_count == before + 1 and bytes(widget.image.value) != picture
    assert "_later" not in widget.__dict__, "a change from Python went to the background thread"


def test_from_browser_tells_the_two_apart():
    import ipywidgets as widgets

    slider = widgets.IntSlider(value=1)
    seen = []
    slider.observe(lambda change: seen.append(from_browser(change)), names="value")
    slider.value = 2
    slider.set_state({"value": 3})
    menu = widgets.Dropdown(options=["a", "b", "c"])
    menu.observe(lambda change: seen.append(from_browser(change)), names="value")
    menu.value = "b"
    menu.set_state({"index": 2})  # a dropdown's browser sends the index; value follows
    assert menu.value == "c"
    assert seen == [False, True, False, True]
    assert not from_browser({"name": "value"}) and not from_browser(None)


def test_latest_only_collapses_requests_and_keeps_errors():
    gate, runs = threading.Event(), []

    def action():
        gate.wait(5)
        runs.append(len(runs))
        if len(runs) == 2:
            raise ValueError("drawing failed")

    latest = LatestOnly(action, "test redraw")
    for _ in range(10):
        latest.request()
    assert latest.busy
    gate.set()
    assert latest.wait(10)
    assert runs == [0, 1], "ten requests during one run should make exactly one more run"
    assert latest.error is not None and "ValueError: drawing failed" in latest.error
    latest.request()
    assert latest.wait(10) and latest.error is None and latest.runs == 3


# --------------------------------------------------------------------------- playing: pace and Pause


def test_interval_caps_the_refresh_rate_and_counts_the_time_spent(monkeypatch):
    """``interval`` is the shortest time between two pictures: a frame that took longer waits 0."""
    from gradschool.widgets import base
    from gradschool.widgets.training import TrainingMonitor

    monitor = TrainingMonitor(lambda: {"loss": 1.0}, max_steps=10, interval=0.2)
    waits, now = [], [100.0]
    monkeypatch.setattr(base.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(monitor._stop, "wait", lambda seconds: waits.append(round(seconds, 6)))
    monitor._frame_start = 100.0
    now[0] = 100.05  # this frame trained and drew for 50 ms
    monitor._wait_next_frame()
    now[0] = 100.45  # the next one for 400 ms
    monitor._wait_next_frame()
    assert waits == [0.15, 0.0]


def test_pause_says_play_before_it_waits_for_the_training_thread():
    """The button flips at once (no step is taken after Pause); the join on the thread comes after."""
    from gradschool.widgets.training import TrainingMonitor

    in_step, release = threading.Event(), threading.Event()

    def slow_step() -> dict:
        in_step.set()
        release.wait(10)
        return {"loss": 1.0}

    monitor = TrainingMonitor(slow_step, max_steps=5)
    monitor.play.value = True
    assert in_step.wait(10)
    thread, said = monitor._thread, []
    join = thread.join
    thread.join = lambda timeout=None: (said.append(monitor.play.description), join(timeout))
    monitor.pause(timeout=0.05)  # the step is still running: the join gives up
    assert said and said[0] == "Play", f"the button said {said[:1]} while Pause waited for the training thread"
    release.set()
    join(10)
    assert not monitor.playing and monitor.steps == 1

"""What every widget that trains must do with Play and Pause, checked the same way for each.

How fast Pause stops a widget is a figure, measured by ``benchmarks/widget_resources.py`` (the
time varies with the machine's load); here only the behaviour is checked.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    """Poll ``condition`` every 20 ms until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def check_play_pause_play(widget: Any, min_steps: int, timeout: float = 60.0) -> None:
    """Play trains and redraws in a background thread; Pause flips the button, ends the thread and
    no step follows; Play again trains on. ``widget`` has ``play``, ``steps``, ``redraw_count``,
    ``playing``, ``pause()`` and its thread in ``_thread`` (``gradschool.widgets.base.PlayLoop``)."""
    draws = widget.redraw_count
    widget.play.value = True
    assert widget.play.description == "Pause" and widget.playing
    assert wait_until(lambda: widget.steps >= min_steps and widget.redraw_count >= draws + 2, timeout), \
        f"Play did not train and redraw: {widget.steps} steps, {widget.redraw_count - draws} redraws"
    widget.play.value = False
    assert widget.play.description == "Play"
    widget._thread.join(10)  # a redraw in flight may finish; no training step after it
    assert not widget.playing, "the training thread is still alive after Pause"
    taken = widget.steps
    time.sleep(0.2)
    assert widget.steps == taken, "training went on after Pause"
    name = type(widget).__name__
    assert not [t for t in threading.enumerate() if t.name == name and t.is_alive()], "a training thread was left"
    widget.play.value = True  # and it can play again
    assert wait_until(lambda: widget.steps > taken, timeout), "Play did not train again after Pause"
    widget.pause()
    widget._thread.join(10)
    assert not widget.playing and widget.steps > taken

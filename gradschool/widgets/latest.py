"""Redraw for what the student does in the browser without making the kernel wait: newest first.

A slider held down, or an arrow key pressed 30 times, sends the kernel one change per value. Drawing
each of them in the kernel's message handler (60-200 ms apiece) queues the kernel behind pictures
nobody will look at: the last one arrives seconds late, and anything else the student runs waits.

:class:`LatestOnly` runs an action (a redraw) on a background thread instead. A request while it
runs only marks it due again, so a burst of any length costs at most the redraw in progress plus
one more, and that last one reads the controls' newest values: the picture always ends on the
final state. The thread exits as soon as nothing is due, so an idle widget holds no thread.

:func:`from_browser` tells a change the front end made (ipywidgets applies a browser's state with
its properties "locked", to avoid echoing them back) from one made in Python: by a notebook cell, a
test or a play loop. Those keep drawing at once, so code that sets ``slider.value`` and then
reads ``widget.image.value`` sees the new picture.
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Callable


def from_browser(change: Any) -> bool:
    """True when ``change`` (a traitlets change) came from the browser, not from Python.

    While ipywidgets applies a browser's state, the widget's ``_property_lock`` holds it; a
    dropdown's browser sends ``index`` and ``value`` follows from it, so any lock counts."""
    try:
        owner = change["owner"]
    except (KeyError, TypeError):
        return False
    return bool(getattr(owner, "_property_lock", None))


class LatestOnly:
    """Run ``action()`` on a background thread when requested; requests that arrive while it runs
    collapse into one more run.

    ``error`` holds the traceback text of the last run that raised (the run is not retried;
    the next request runs it again), ``runs`` counts finished runs.
    """

    def __init__(self, action: Callable[[], None], name: str = "redraw"):
        self._action = action
        self._name = name
        self._condition = threading.Condition()
        self._due = False
        self._running = False
        self.runs = 0
        self.error: str | None = None

    def request(self) -> None:
        """Ask for a run; returns at once."""
        with self._condition:
            self._due = True
            if self._running:
                return  # the running thread will see it is due again
            self._running = True
        threading.Thread(target=self._loop, name=self._name, daemon=True).start()

    def _loop(self) -> None:
        while True:
            with self._condition:
                if not self._due:
                    self._running = False
                    self._condition.notify_all()
                    return
                self._due = False
            try:
                self._action()
                self.error = None
            except Exception:  # a thread has nowhere to raise to: keep it for whoever looks
                self.error = traceback.format_exc()
            self.runs += 1

    @property
    def busy(self) -> bool:
        """A run is due or in progress."""
        with self._condition:
            return self._running or self._due

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until nothing is due or running (at most ``timeout`` s); True when idle."""
        with self._condition:
            return self._condition.wait_for(lambda: not (self._running or self._due), timeout)

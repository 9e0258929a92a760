"""The shape every gradschool widget shares: controls above a picture.

The picture is a PNG rendered by Matplotlib's Agg backend into an ``ipywidgets.Image``. That keeps
one code path for everything: the live widget, the static figure a function returns for
feedback reports, and the ``image/png`` the widget's display carries so that an exported HTML
notebook (or a reader without a kernel) still sees the current state. No pyplot figure is ever
opened, so redrawing a thousand times leaks nothing.
"""

from __future__ import annotations

import base64
import io
import threading
import time
from typing import Any, Callable

import ipywidgets as widgets
from matplotlib.figure import Figure

from gradschool.widgets import layout_cache
from gradschool.widgets.latest import LatestOnly, from_browser
from gradschool.widgets.live import LivePicture
from gradschool.widgets.rerun import Retirable


def new_figure(width: float = 8.0, height: float = 3.6, dpi: int = 80) -> Figure:
    """A Matplotlib figure that is not registered with pyplot (nothing to close, nothing leaks)."""
    return Figure(figsize=(width, height), dpi=dpi, layout="constrained")


def figure_png(figure: Figure) -> bytes:
    """The figure rendered to PNG bytes."""
    buffer = io.BytesIO()
    with layout_cache.reused(figure):  # constrained layout once per picture shape, not per frame
        # zlib level 1: a tenth faster than the default 6, a tenth bigger (a widget redraws a lot)
        figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def picture_png(picture: Figure | LivePicture) -> bytes:
    """PNG bytes of a fresh figure (drawn whole) or of a :class:`LivePicture` (only what moved is redrawn)."""
    return picture.png() if isinstance(picture, LivePicture) else figure_png(picture)


class PngSnapshot(Retirable):
    """Mixin for a widget with a picture in ``self.image``: its display bundle also carries that
    picture as ``image/png``, so an exported HTML notebook or a reader without a kernel sees it.
    A widget displayed by a cell is retired when that cell runs again (:mod:`gradschool.widgets.rerun`).
    List it before the ipywidgets base class."""

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        self.note_displayed()
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return bundle


class BrowserRedraw:
    """Mixin: a widget whose controls redraw it. ``_refresh_for(change)`` (call it from the
    controls' observer) runs ``_refresh()`` (by default ``redraw()``) at once for a change made in
    Python, and for a change made in the browser on a background thread that only ever draws the
    newest state (:mod:`gradschool.widgets.latest`): the kernel's handler returns at once (a few ms)
    and a burst of key presses costs two redraws, not thirty. ``_refresh`` must take the widget's
    lock itself, since it may run beside a play loop or another redraw."""

    def _refresh(self) -> None:
        self.redraw()

    def _refresh_for(self, change: dict) -> None:
        if from_browser(change):
            later = self.__dict__.get("_later")
            if later is None:
                later = self._later = LatestOnly(self._refresh, f"{type(self).__name__} redraw")
            later.request()
        else:
            self._refresh()

    def wait_drawn(self, timeout: float = 30.0) -> bool:
        """Block until the pictures for the browser's changes so far are drawn (True), or ``timeout``."""
        later = self.__dict__.get("_later")
        return True if later is None else later.wait(timeout)


class PlayLoop(PngSnapshot):
    """Mixin for a widget that trains: ``self.play`` (a ToggleButton) runs ``self._run`` in a
    background thread, so the kernel stays free, and Pause stops it within ``timeout`` seconds.

    The widget creates ``self.play``, ``self._stop = threading.Event()`` and ``self._thread = None``,
    observes ``self.play`` with ``self._on_play``, and writes ``_run``: a loop that checks
    ``self._stop`` between steps and waits with ``self._stop.wait(...)``, never ``time.sleep``.
    When it ends by itself it sets ``self.play.value = False``. ``_before_play`` may refuse to
    start (return False) or reset per-run state. Between two pictures the loop calls
    ``_wait_next_frame()``: ``interval`` is the shortest time from one picture to the next (it caps
    the refresh rate; the time spent training and drawing counts towards it).
    """

    _stop: threading.Event
    _thread: threading.Thread | None
    interval = 0.0
    _frame_start = 0.0

    def _wait_next_frame(self) -> None:
        """Wait until ``interval`` seconds after the current frame began, or until Pause."""
        self._stop.wait(max(0.0, self.interval - (time.monotonic() - self._frame_start)))
        self._frame_start = time.monotonic()

    def _before_play(self) -> bool:
        return True

    def _play_step_reset(self, steps: int, step_tooltip: str, reset_tooltip: str) -> widgets.HBox:
        """The usual controls of a training view: Play/Pause, Step ``steps``, Reset, a status label;
        also the picture (``self.image``) and the thread state. The widget defines
        ``_on_step_button(button)`` and ``reset()``. Returns the row of controls."""
        self.play = widgets.ToggleButton(value=False, description="Play", icon="play", tooltip="Play / Pause")
        self.step_button = widgets.Button(description=f"Step {steps}", icon="step-forward", tooltip=step_tooltip)
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip=reset_tooltip)
        self.status = widgets.Label()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread = None
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(self._on_step_button)
        self.reset_button.on_click(lambda _button: self.reset())
        return widgets.HBox([self.play, self.step_button, self.reset_button, self.status],
                            layout=widgets.Layout(flex_flow="row wrap"))

    def _on_play(self, change: dict) -> None:
        if change["new"]:
            self._start()
        else:
            self.pause()

    def _start(self) -> None:
        thread = self._thread
        if thread is not None and thread.is_alive():
            if not self._stop.is_set():
                return  # already playing
            thread.join(2.0)  # a paused thread finishing its last step or redraw
        if not self._before_play():
            self.play.value = False
            return
        self._stop.clear()
        self.play.description, self.play.icon = "Pause", "pause"
        self._frame_start = time.monotonic()
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self._thread.start()

    def play_for(self, seconds: float) -> None:
        """Play for about ``seconds`` (blocking; for scripts and tests), then pause."""
        self.play.value = True
        self._stop.wait(seconds)
        self.pause()

    def pause(self, timeout: float = 0.3) -> None:
        """Stop playing; returns once the background thread has stopped (at most ``timeout`` s; it
        may still be finishing its last redraw, but takes no further step)."""
        self._stop.set()
        # The button says Play at once (no step is taken after this), not after the join below.
        self.play.description, self.play.icon = "Play", "play"
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        if self.play.value:
            self.play.value = False  # calls pause() again through _on_play: harmless

    @property
    def playing(self) -> bool:
        return self._thread is not None and self._thread.is_alive()


class FigureExplorer(BrowserRedraw, PngSnapshot, widgets.VBox):
    """Controls, then a picture redrawn by ``draw(**control_values) -> Figure | LivePicture`` on every
    change (a change in the browser is drawn in the background, newest first: see
    :class:`BrowserRedraw`). A ``draw`` that updates one kept figure in place returns its
    :class:`~gradschool.widgets.live.LivePicture`: only the artists that move are redrawn.

    ``controls`` maps a keyword of ``draw`` to the ipywidget that sets it. The current picture is
    also in the display bundle as ``image/png``.
    """

    def __init__(self, controls: dict[str, widgets.ValueWidget], draw: Callable[..., Figure], **layout: Any):
        self.controls = controls
        self._draw = draw
        self._draw_lock = threading.RLock()  # a background redraw and one from Python take turns
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.redraw_count = 0
        for control in controls.values():
            control.observe(self._on_change, names="value")
        super().__init__([widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap")), self.image], **layout)
        self.redraw()

    def values(self) -> dict[str, Any]:
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, change: dict) -> None:
        self._refresh_for(change)

    def redraw(self) -> None:
        with self._draw_lock:
            self.image.value = picture_png(self._draw(**self.values()))
            self.redraw_count += 1


class SteppedPlayLoop(PlayLoop):
    """A PlayLoop for views that advance one ``_take_step()`` at a time and redraw every
    ``redraw_every`` steps, stopping at ``max_steps`` or when a step sets ``problem`` (an error,
    a NaN): Play, Step N and the loop that runs them.

    The widget provides ``steps``, ``max_steps``, ``redraw_every``, ``problem``, ``_lock`` (see
    ``_play_step_reset``), ``_take_step()`` and ``redraw()``; ``interval`` is the shortest time
    between two pictures while playing.
    """

    interval = 0.0
    _what_failed = "a step"  # for the status line: "<this> raised ValueError: ..."

    def step(self, n: int = 1) -> None:
        """Take ``n`` steps, then redraw once. An exception from a step is shown and re-raised."""
        with self._lock:
            try:
                for _ in range(int(n)):
                    self._take_step()
            except Exception as error:
                self.problem = f"{self._what_failed} raised {type(error).__name__}: {error}"
                raise
            finally:
                self.redraw()

    def _on_step_button(self, _button: Any) -> None:
        try:
            self.step(self.redraw_every)
        except Exception:  # a callback has nowhere to raise to: the status line shows it
            pass

    def _before_play(self) -> bool:
        self.problem = ""  # a new run forgets why the last one stopped
        return True

    def _run(self) -> None:
        while not self._stop.is_set() and self.steps < self.max_steps and not self.problem:
            taken = 0
            while taken < self.redraw_every and self.steps < self.max_steps and not self._stop.is_set():
                with self._lock:  # one step at a time: Pause never waits long
                    try:
                        self._take_step()
                    except Exception as error:
                        self.problem = f"{self._what_failed} raised {type(error).__name__}: {error}"
                taken += 1
                if self.problem:
                    break
            if self._stop.is_set():
                break
            self.redraw()
            self._wait_next_frame()
        if not self._stop.is_set():
            self.play.value = False  # finished by itself: pause() does not join its own thread

"""A widget's figure kept for its whole life and redrawn in place, the way Matplotlib animations are fast.

Building a new figure for every slider nudge costs 70-250 ms on a laptop core: new axes, ticks,
tick labels and their text layout, then drawing all of it. Most of that picture does not change
while a student drags one slider. :class:`LivePicture` keeps one figure, renders what does not move
once into a *background* (Agg's ``copy_from_bbox``), and on every frame restores that background and
draws over it only the artists the widget registered as *moving* (``moving(...)``: lines whose data
changed, markers, texts, images, or a whole axes whose limits change every frame). A frame then
costs a few ms of drawing plus the PNG encoding (about 5 ms for a 720 x 290 picture).

When something in the background changes (a dropdown switches the curve, an axis rescales), call
:meth:`LivePicture.invalidate`: the next :meth:`LivePicture.png` draws everything and takes a new
background. Between the two sit artists that change *now and then* (a sample of text redone every 25
training steps, a title): ``now_and_then(...)`` keeps them in a second cached layer over the
background, and after changing them :meth:`LivePicture.redraw_layer` redraws only them, not the
axes. Moving artists are drawn after everything static, in their own zorder: keep them on top
(markers, annotations, the newest part of a curve).

Between frames the figure is an ordinary Matplotlib figure: ``savefig`` (or
:func:`gradschool.widgets.base.figure_png`) on it draws every artist, moving ones included, so a
widget can hand the same figure to a feedback report. Moving artists are hidden from Matplotlib only
while the background is drawn.

Shapes: ``png()`` returns the PNG bytes of the whole figure, ``width x height`` pixels
(``figsize * dpi``), RGBA.
"""

from __future__ import annotations

import io
import threading
from typing import Iterable, TypeVar

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from PIL import Image

from gradschool.widgets import layout_cache
from gradschool.widgets.glyph_cache import canvas_for

A = TypeVar("A", bound=Artist)


class LivePicture:
    """``figure`` with a cached background: ``png()`` redraws only the artists given to ``moving``.

    Not for figures whose layout engine would move the axes between frames: the layout is done by
    the full draw that takes the background, and frozen until the next :meth:`invalidate`.
    """

    def __init__(self, figure: Figure):
        self.figure = figure
        self.canvas = canvas_for(figure)  # text from cached glyph bitmaps: same pixels, faster full draws
        self._moving: list[Artist] = []
        self._occasional: list[Artist] = []  # drawn into self._layer, over the background
        self._background = None
        self._layer = None
        self._lock = threading.RLock()
        self.full_draws = 0  # how many times the background was drawn (for tests and benchmarks)
        self.layer_draws = 0  # how many times the now-and-then layer was drawn

    def moving(self, *artists: A) -> A:
        """Register ``artists`` as redrawn on every frame; returns the first (for ``line = live.moving(ax.plot(...)[0])``)."""
        with self._lock:
            for artist in artists:
                if artist not in self._moving:
                    self._moving.append(artist)
            self._background = None
        return artists[0] if artists else None  # type: ignore[return-value]

    def now_and_then(self, *artists: Artist) -> None:
        """Register ``artists`` as changing now and then: cached in a layer over the background, drawn
        again only by :meth:`redraw_layer` (or a full draw)."""
        with self._lock:
            self._occasional.extend(a for a in artists if a not in self._occasional)
            self._background = None

    def redraw_layer(self) -> None:
        """The artists given to :meth:`now_and_then` changed: the next ``png()`` redraws them (only)."""
        with self._lock:
            self._layer = None

    def forget(self, artists: Iterable[Artist]) -> None:
        """Stop redrawing ``artists`` (call before removing them from the figure)."""
        gone = set(map(id, artists))
        with self._lock:
            self._moving = [a for a in self._moving if id(a) not in gone]
            self._occasional = [a for a in self._occasional if id(a) not in gone]
            self._background = None

    def close(self) -> None:
        """Let go of the pixels (the canvas's buffer, the cached background and layer, ~1-3 MiB) and of
        the figure's artists now, not at the garbage collector's next full pass: for a retired widget."""
        with self._lock:
            self._background = self._layer = None
            self._moving, self._occasional = [], []
            self.canvas.renderer = None
            self.canvas._lastKey = None
            self.figure.clear()

    def invalidate(self) -> None:
        """Something static changed: the next ``png()`` draws the whole figure again."""
        with self._lock:
            self._background = None

    def _draw_background(self) -> None:
        # Axes.draw and Figure.draw skip animated artists when not saving: that is the background.
        hidden = self._moving + self._occasional
        for artist in hidden:
            artist.set_animated(True)
        engine = self.figure.get_layout_engine()
        try:
            # Constrained layout once per picture shape (layout_cache), not on every full draw; the
            # engine stays, so that a full draw of another shape (longer tick labels) is laid out anew.
            with layout_cache.reused(self.figure):
                self.canvas.draw()
        finally:
            for artist in hidden:
                artist.set_animated(False)
            if self.figure.get_layout_engine() is None and engine is not None:
                self.figure.set_layout_engine(engine)
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._layer = None
        self.full_draws += 1

    def _draw(self, artists: list[Artist]) -> None:
        renderer = self.canvas.get_renderer()
        for artist in sorted(artists, key=lambda a: a.get_zorder()):
            if artist.get_visible() and artist.figure is not None:
                artist.draw(renderer)

    def render(self) -> None:
        """Bring the canvas's pixels up to date: the background, the now-and-then layer, then the
        moving artists over them."""
        with self._lock:
            if self._background is None:
                self._draw_background()
            if self._layer is None:
                self.canvas.restore_region(self._background)
                if self._occasional:
                    self._draw(self._occasional)
                    self.layer_draws += 1
                    self._layer = self.canvas.copy_from_bbox(self.figure.bbox)
                else:
                    self._layer = self._background
            else:
                self.canvas.restore_region(self._layer)
            self._draw(self._moving)

    def png(self) -> bytes:
        """The current picture as PNG bytes (zlib level 1: a widget redraws a lot)."""
        with self._lock:
            self.render()
            width, height = self.canvas.get_width_height(physical=True)
            pixels = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
            buffer = io.BytesIO()
            pixels.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def doubled_until(start: float, value: float) -> float:
    """``start`` doubled until it reaches ``value``: the end of an axis that grows with a curve a few
    times per run (each growth redraws the background), not on every frame."""
    end = start
    while value > end:
        end *= 2
    return end

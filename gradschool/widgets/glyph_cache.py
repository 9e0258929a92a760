"""Text drawn from cached glyph bitmaps: the same pixels as Matplotlib's Agg, a fraction of the time.

Matplotlib 3.11's Agg renderer lays out every string (``FT2Font._layout``) and asks FreeType to
render every glyph (``_render_glyph``) on every draw. A widget's picture is mostly the same text
drawn again and again (tick labels, titles, legends), so that is the largest part of a full redraw:
about 450 glyphs and 30 strings, ~25 ms of a 77 ms redraw of the unrolled-RNN figure.

A glyph's bitmap depends on the font, its size, the dpi, the hinting and the *fractional* part of
its position (FreeType places the outline at 1/64 pixel); the integer part only moves the bitmap.
:class:`GlyphCachingRenderer` keeps the bitmaps under that key and the layouts of strings, and
draws upright, unslanted, antialiased text from them; anything else (rotated text, slanted or
stretched glyphs, mathtext's boxes, monochrome text) goes to Matplotlib's own code. The pixels are
identical (``tests/test_widget_glyph_cache.py``).

It leans on private parts of Matplotlib 3.11's Agg backend: where they are missing (another
Matplotlib), :func:`canvas_for` returns a plain ``FigureCanvasAgg`` and nothing changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure

MAX_GLYPHS = 3_000  # ~1.4 MiB: a glyph at each 1/64-pixel offset it was drawn at (a figure's static text needs ~1000)
MAX_LAYOUTS = 256  # strings drawn again and again (tick labels, titles); ~3 KiB each
_IDENTITY = (0x10000 * np.eye(2)).astype(int)

_glyphs: OrderedDict[tuple, tuple[np.ndarray, int, int]] = OrderedDict()
_layouts: OrderedDict[tuple, list] = OrderedDict()
_lock = threading.Lock()

SUPPORTED = all(hasattr(obj, name) for obj, name in [
    (RendererAgg, "_draw_text_glyphs_and_boxes"), (RendererAgg, "_prepare_font"),
    (backend_agg, "get_hinting_flag"), (backend_agg, "RenderMode"),
])


def _remember(cache: OrderedDict, key: tuple, value: Any, limit: int) -> None:
    with _lock:
        cache[key] = value
        if len(cache) > limit:
            cache.popitem(last=False)


class GlyphCachingRenderer(RendererAgg):
    """``RendererAgg`` that draws upright antialiased text from cached glyph bitmaps and layouts."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        font = self._prepare_font(prop)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        flags = backend_agg.get_hinting_flag()
        size = prop.get_size_in_points()
        key = (s, font.fname, tuple(prop.get_family()), size, self.dpi, flags,
               tuple(features) if features else None, language)
        items = _layouts.get(key)
        if items is None:
            items = [(item.ft_object, item.glyph_index, item.x, item.y)
                     for item in font._layout(s, flags=flags, features=features, language=language)]
            _remember(_layouts, key, items, MAX_LAYOUTS)
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle, ((ft, size, index, 0, 1, dx, dy) for ft, index, dx, dy in items), [])

    def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
        glyphs = list(glyphs)
        if angle != 0 or boxes or not gc.get_antialiased() or any(g[3] != 0 or g[4] != 1 for g in glyphs):
            return super()._draw_text_glyphs_and_boxes(gc, x, y, angle, glyphs, boxes)
        flags = backend_agg.get_hinting_flag()
        height = self.height
        for font, size, glyph_index, _slant, _extend, dx, dy in glyphs:
            # FreeType's 26.6 fixed-point pen position, y upwards: as Matplotlib computes it.
            px, py = round(0x40 * (x + dx)), round(0x40 * (height - y + dy))
            key = (font.fname, size, self.dpi, flags, glyph_index, px & 63, py & 63)
            cached = _glyphs.get(key)
            if cached is None:
                font.set_size(size, self.dpi)
                font._set_transform(_IDENTITY, [px & 63, py & 63])  # the fraction only; the rest moves the bitmap
                bitmap = font._render_glyph(glyph_index, flags, backend_agg.RenderMode.NORMAL)
                cached = (np.array(bitmap.buffer), bitmap.left, bitmap.top)
                _remember(_glyphs, key, cached, MAX_GLYPHS)
            buffer, left, top = cached
            # draw_text_image's y is downwards, at the bitmap's bottom side (as in Matplotlib).
            self._renderer.draw_text_image(buffer, left + (px >> 6), int(height) - (top + (py >> 6)) + buffer.shape[0],
                                           0, gc)


class GlyphCachingCanvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` whose renderer is a :class:`GlyphCachingRenderer`."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = GlyphCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def canvas_for(figure: Figure) -> FigureCanvasAgg:
    """A canvas for ``figure`` that draws text from cached glyphs where this Matplotlib allows it."""
    return GlyphCachingCanvas(figure) if SUPPORTED else FigureCanvasAgg(figure)


def clear() -> None:
    with _lock:
        _glyphs.clear()
        _layouts.clear()

"""glyph_cache (gradschool/widgets/glyph_cache.py): text drawn from cached glyphs is pixel for pixel
what Matplotlib's Agg draws, the first time and every time after."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from gradschool.widgets import glyph_cache  # noqa: E402
from gradschool.widgets.base import new_figure  # noqa: E402

pytestmark = pytest.mark.skipif(not glyph_cache.SUPPORTED, reason="this Matplotlib has no glyph-level Agg text")


def _texty_figure():
    figure = new_figure(6.0, 3.2)
    left, right = figure.subplots(1, 2)
    xs = np.linspace(0.0, 7.3, 50)
    left.plot(xs, np.sin(xs), label="sin(x)")
    left.set_title("tick labels, a legend, ‖dL/dhₜ‖ (fallback glyphs)", fontsize=8)
    left.set_ylabel("rotated label")  # rotated: drawn by Matplotlib's own code
    left.legend(fontsize=7)
    right.set_yscale("log")
    right.plot([1, 2, 3], [1e-3, 1.0, 1e4])
    right.text(0.05, 0.9, "def add(a, b):\n    return a + b", family="monospace", fontsize=7, transform=right.transAxes)
    right.text(0.05, 0.5, r"$\sigma_{max}^2$ mathtext", transform=right.transAxes)
    right.set_title("bold, larger", fontweight="bold", fontsize=11)
    right.annotate("at 0.37 px offsets", (1.37, 0.013), fontsize=7.3)
    return figure


def _pixels(canvas) -> np.ndarray:
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_cached_text_is_matplotlibs_text_pixel_for_pixel():
    glyph_cache.clear()
    plain_canvas = FigureCanvasAgg(_texty_figure())
    plain = _pixels(plain_canvas)
    plain_again = _pixels(plain_canvas)  # constrained layout moves the axes by a hair on its second run
    figure = _texty_figure()
    canvas = glyph_cache.canvas_for(figure)
    assert isinstance(canvas.get_renderer(), glyph_cache.GlyphCachingRenderer)
    first = _pixels(canvas)  # glyphs rendered and remembered
    again = _pixels(canvas)  # every glyph from the cache
    assert len(glyph_cache._glyphs) > 100 and len(glyph_cache._layouts) > 10
    assert np.array_equal(first, plain)
    assert np.array_equal(again, plain_again)

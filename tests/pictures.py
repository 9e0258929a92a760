"""Pictures as arrays, for tests that compare what a widget shows with a full draw of the same state."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.figure import Figure
from PIL import Image


def pixels(png: bytes) -> np.ndarray:
    """PNG bytes as an ``(height, width, 4)`` int array of RGBA levels (0-255)."""
    return np.asarray(Image.open(io.BytesIO(bytes(png))).convert("RGBA")).astype(int)


def saved(figure: Figure) -> np.ndarray:
    """``figure`` drawn whole by ``savefig`` (every artist included), as :func:`pixels`."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return pixels(buffer.getvalue())


def drawn(figure: Figure) -> np.ndarray:
    """``figure`` drawn from scratch on a fresh Agg canvas (every artist, no saving), as an
    ``(height, width, 4)`` int array; the figure gets its own canvas back afterwards."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    own_canvas = figure.canvas
    canvas = FigureCanvasAgg(figure)  # attaches itself to the figure
    try:
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).astype(int)
    finally:
        figure.set_canvas(own_canvas)

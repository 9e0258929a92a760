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

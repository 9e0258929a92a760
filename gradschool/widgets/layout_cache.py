"""Constrained layout once per picture shape, not on every frame.

A widget draws a fresh figure on every change. Matplotlib's constrained layout measures every
tick label and title to place the axes, and on a widget's figure that is often half of the
redraw. But while a student moves a slider the figure keeps its shape: the same axes, the same
number of title lines, tick labels of the same length. :func:`reused` remembers where
constrained layout put the axes of a figure of that shape and puts them there directly, with the
layout engine removed: the layout passes are skipped, and so is the extra draw that ``savefig``
makes (to lay out) whenever a figure has any layout engine, even ``"none"``; a figure with the
``"none"`` placeholder engine (a fixed layout) loses it too. Together about half of a redraw. The
picture is the same, or off by a pixel or two in placement where the first figure of a shape had
other tick positions (checked on every widget of the course).

The shape (:func:`signature`) is what constrained layout depends on: the figure's size and dpi,
and for every axes its grid position, whether it is drawn, how many lines its titles and labels
have, the longest of its tick labels, its legend and aspect. Anything else (a new kind of
figure, subfigures, another layout engine) is drawn as before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager
from typing import Any, Iterator

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, PlaceHolderLayoutEngine

MAX_SHAPES = 256
_positions: OrderedDict[tuple, tuple[list, list]] = OrderedDict()  # shape -> (axes positions, suplabel places)
_SUPLABELS = ("_suptitle", "_supxlabel", "_supylabel")
_lock = threading.Lock()


def _lines(text: Any) -> int:
    """0 for no text, else its number of lines (the height constrained layout makes room for)."""
    if text is None:
        return 0
    value = text.get_text() if hasattr(text, "get_text") else str(text)
    return 0 if not value or not (getattr(text, "get_visible", lambda: True)()) else value.count("\n") + 1


def _tick_width(axis: Any) -> tuple:
    """The length of the longest tick label and the number of labels (what sizes the margin)."""
    if not axis.get_visible():
        return (0, 0)
    try:
        labels = axis.major.formatter.format_ticks(axis.major.locator())
    except Exception:  # an exotic locator or formatter: do not reuse
        raise LookupError
    return (max((len(s) for s in labels), default=0), len(labels) > 0, axis.get_ticks_position(),
            axis.get_label_position(), _lines(axis.label), round(axis.label.get_fontsize(), 2))


def signature(figure: Figure) -> tuple | None:
    """What the constrained layout of ``figure`` depends on; ``None`` when it is not reused."""
    engine = figure.get_layout_engine()
    if not isinstance(engine, ConstrainedLayoutEngine) or figure.subfigs:
        return None
    parts: list = [tuple(figure.get_size_inches().round(4)), figure.dpi, tuple(sorted(engine.get().items())),
                   _lines(figure._suptitle), _lines(figure._supxlabel), _lines(figure._supylabel),
                   len(figure.legends), len(figure.texts)]
    try:
        for ax in figure.axes:
            spec = ax.get_subplotspec()
            parts.append((
                type(ax).__name__, ax.get_label(), spec.get_geometry() if spec is not None else None,
                None if spec is None else (spec.get_gridspec().get_geometry(),
                                           tuple(spec.get_gridspec().get_width_ratios() or ()),
                                           tuple(spec.get_gridspec().get_height_ratios() or ())),
                ax.axison, ax.get_visible(), ax.get_in_layout(), ax.get_axes_locator() is not None,
                _lines(ax.title), _lines(ax._left_title), _lines(ax._right_title),
                round(ax.title.get_fontsize(), 2), str(ax.get_aspect()), ax.get_box_aspect(), ax.get_anchor(),
                ax.get_legend() is not None and ax.get_legend().get_bbox_to_anchor() is not ax.bbox,
                _tick_width(ax.xaxis), _tick_width(ax.yaxis), len(ax.child_axes),
            ))
    except LookupError:
        return None
    return tuple(parts)


def _suplabel_places(figure: Figure) -> list:
    """Where constrained layout put the suptitle and super-labels (it moves them, not only the axes)."""
    return [None if (text := getattr(figure, name)) is None
            else (text.get_position(), text.get_verticalalignment(), text.get_horizontalalignment())
            for name in _SUPLABELS]


def _put_suplabels(figure: Figure, places: list) -> None:
    for name, place in zip(_SUPLABELS, places):
        text = getattr(figure, name)
        if text is not None and place is not None and getattr(text, "_autopos", False):
            position, vertical, horizontal = place
            text.set_position(position)
            text.set_verticalalignment(vertical)
            text.set_horizontalalignment(horizontal)


@contextmanager
def reused(figure: Figure) -> Iterator[None]:
    """Render ``figure`` inside this block (``savefig``): with the remembered layout when a figure
    of its shape was laid out before, else with constrained layout, remembering the result."""
    if isinstance(figure.get_layout_engine(), PlaceHolderLayoutEngine):
        # A fixed layout ("none"): with no engine at all, savefig skips its extra layout-only draw.
        figure.set_layout_engine(None)
        yield
        return
    try:
        key = signature(figure)
    except Exception:
        key = None
    if key is None:
        yield
        return
    with _lock:
        remembered = _positions.get(key)
        if remembered is not None:
            _positions.move_to_end(key)
    if remembered is not None and len(remembered[0]) == len(figure.axes):
        positions, suplabels = remembered
        figure.set_layout_engine(None)  # no engine: savefig draws once instead of twice
        for ax, position in zip(figure.axes, positions):
            ax._set_position(position, which="both")
        _put_suplabels(figure, suplabels)
        yield
        return
    yield  # savefig runs constrained layout
    placed = [ax.get_position(original=True).frozen() for ax in figure.axes]
    with _lock:
        _positions[key] = (placed, _suplabel_places(figure))
        while len(_positions) > MAX_SHAPES:
            _positions.popitem(last=False)


def clear() -> None:
    with _lock:
        _positions.clear()

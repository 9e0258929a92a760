"""layout_cache (gradschool/widgets/layout_cache.py): a figure drawn with a remembered layout looks
like the same figure laid out by constrained layout, suptitle included."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from gradschool.widgets import layout_cache  # noqa: E402
from gradschool.widgets.base import figure_png, new_figure  # noqa: E402
from tests.pictures import pixels as _pixels  # noqa: E402


def _figure(title: str):
    figure = new_figure(6.0, 3.0)
    left, right = figure.subplots(1, 2)
    left.plot([0, 1], [0, 1])
    right.plot([0, 1], [1, 0])
    left.set_title("left")
    figure.suptitle(title, fontsize=8)
    return figure


def test_a_remembered_layout_puts_the_suptitle_where_constrained_layout_does():
    layout_cache.clear()
    figure_png(_figure("first picture of this shape"))  # lays out and remembers
    reused = _pixels(figure_png(_figure("second picture")))
    plain = io.BytesIO()
    _figure("second picture").savefig(plain, format="png")  # constrained layout, nothing remembered
    assert np.abs(reused - _pixels(plain.getvalue())).max() <= 2

"""Chapter 7 pictures: a tanh RNN unrolled through time, and how gradients fade or blow up.

* :func:`unrolled_state`: run a small random RNN on a random sequence and backpropagate a loss
  that reads only the last hidden state; returns the hidden states, the gradient norm
  ``||dL/dh_t||`` at every step and the singular values of ``Wh``.
* :func:`unrolled_figure`: three panels sharing the time axis: the unrolled network (one cell per
  step, the same weights in every cell), the hidden state as a heat strip (one row per hidden
  unit, one column per step) and ``||dL/dh_t||`` as bars on a log scale.
* :class:`UnrolledRNNExplorer`: sliders for the sequence length, the scale of the recurrent
  weights and the random seed, redrawing that figure.

The recurrent weights are ``Wh = weight_scale * G / sqrt(H)`` with ``G`` standard normal, so the
largest singular value of ``Wh`` is about ``2 * weight_scale`` and its spectral radius about
``weight_scale``. Going back one step multiplies the gradient by ``diag(1 - h_t**2) @ Wh.T``, so
``||dL/dh_t||`` shrinks at least as fast as ``sigma_max(Wh) ** (T - t)`` when that is below one
(vanishing gradients) and can grow like it when it is above one (exploding gradients).

By default the step functions come from :mod:`gradschool.reference.rnn`, so the pictures work
before the student has written any code; pass ``step_forward``/``step_backward`` (the student's
``rnn_step_forward``/``rnn_step_backward``) to draw with one's own. No pyplot figure is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from gradschool.reference import rnn as reference
from gradschool.widgets.base import FigureExplorer, new_figure
from gradschool.widgets.live import LivePicture
from gradschool.widgets.unicode_math import power_of_ten, sub

__all__ = ["MAX_LENGTH", "unrolled_state", "unrolled_figure", "UnrolledRNNExplorer"]

MAX_LENGTH = 40  # the longest sequence the explorer offers
HIDDEN = 16  # hidden units H
INPUTS = 3  # input features D
INPUT_SCALE = 0.5  # Wx = INPUT_SCALE * G / sqrt(D): inputs nudge the state without saturating it

# Symbols are written in Unicode (hₜ, Wₕ, σₘₐₓ, 10⁻³), not mathtext: see gradschool.widgets.unicode_math.
def _weights(weight_scale: float, seed: int):
    """``(Wx, Wh, b, x_all, u)`` from ``seed``; ``x_all`` is ``(1, MAX_LENGTH, D)`` and every length
    uses its first ``length`` steps, so a longer sequence extends a shorter one."""
    rng = np.random.default_rng(seed)
    Wx = INPUT_SCALE * rng.normal(size=(INPUTS, HIDDEN)) / np.sqrt(INPUTS)
    Wh = weight_scale * rng.normal(size=(HIDDEN, HIDDEN)) / np.sqrt(HIDDEN)
    b = np.zeros(HIDDEN)
    u = rng.normal(size=(1, HIDDEN))
    u /= np.linalg.norm(u)  # the loss is L = u . h_T, so ||dL/dh_T|| = 1
    x_all = rng.normal(size=(1, MAX_LENGTH, INPUTS))
    return Wx, Wh, b, x_all, u


def unrolled_state(
    length: int = 12,
    weight_scale: float = 1.0,
    seed: int = 0,
    step_forward: Callable | None = None,
    step_backward: Callable | None = None,
) -> dict[str, Any]:
    """Run the RNN for ``length`` steps and backpropagate ``L = u . h_T`` (a loss on the last step).

    Returns a dict with ``x (T, D)``, ``h (T, H)`` (one sequence), ``grad_norms (T,)`` where
    ``grad_norms[t] = ||dL/dh_t||`` (the last one is 1), ``singular_values`` of ``Wh`` (largest
    first), ``spectral_radius`` of ``Wh``, ``length`` and ``weight_scale``.
    """
    length = int(length)
    if not 1 <= length <= MAX_LENGTH:
        raise ValueError(f"length must be between 1 and {MAX_LENGTH}, got {length}")
    step_forward = step_forward or reference.rnn_step_forward
    step_backward = step_backward or reference.rnn_step_backward
    Wx, Wh, b, x_all, u = _weights(float(weight_scale), int(seed))
    x = x_all[:, :length]
    h_t = np.zeros((1, HIDDEN))
    hs, caches = [], []
    for t in range(length):
        h_t, cache = step_forward(x[:, t], h_t, Wx, Wh, b)
        hs.append(np.asarray(h_t, dtype=float))
        caches.append(cache)
    grad = u
    norms = np.zeros(length)
    for t in reversed(range(length)):
        norms[t] = np.linalg.norm(grad)
        grad = step_backward(grad, caches[t])[1]  # dL/dh_{t-1}
    return {
        "x": x[0],
        "h": np.concatenate(hs, axis=0),
        "grad_norms": norms,
        "singular_values": np.linalg.svd(Wh, compute_uv=False),
        "spectral_radius": float(np.max(np.abs(np.linalg.eigvals(Wh)))),
        "length": length,
        "weight_scale": float(weight_scale),
    }


# --------------------------------------------------------------------------- drawing


def _draw_network(ax: Axes, length: int) -> None:
    """One cell per step at x = 1..T: input below, state arrows from left to right.

    Drawn with two collections and two marker sets (not one patch per arrow), so that even 40
    cells render quickly.
    """
    ax.set_ylim(-1.15, 1.05)
    ax.axis("off")
    ax.xaxis.set_visible(False)  # axis("off") still makes (unseen) ticks on every draw: these make none
    ax.yaxis.set_visible(False)
    width = 0.62 if length <= 12 else 0.45
    label = length <= 14
    font = 10 if length <= 10 else 8  # a point above mathtext's: Unicode subscripts are smaller
    cells = [Rectangle((t - width / 2, 0.15), width, 0.5) for t in range(length + 1)]
    faces = ["#eeeeee"] + ["#c6dbef"] * length
    edges = ["grey"] + ["#08519c"] * length
    ax.add_collection(PatchCollection(cells, facecolors=faces, edgecolors=edges, linewidths=1.0))
    steps = np.arange(1, length + 1)
    state_arrows = [((t - 1 + width / 2, 0.4), (t - width / 2 - 0.03, 0.4)) for t in steps]
    input_arrows = [((t, -0.55), (t, 0.1)) for t in steps]
    ax.add_collection(LineCollection(state_arrows, colors="#08519c", linewidths=1.0))
    ax.add_collection(LineCollection(input_arrows, colors="#d95f02", linewidths=1.0))
    ax.plot(steps - width / 2 - 0.03, np.full(length, 0.4), ">", color="#08519c", markersize=4)
    ax.plot(steps, np.full(length, 0.1), "^", color="#d95f02", markersize=4)
    if label:
        for t in range(length + 1):
            ax.text(t, 0.4, sub("h", t), ha="center", va="center", fontsize=font)
        for t in steps:
            ax.text(t, -0.78, sub("x", t), ha="center", va="center", fontsize=font, color="#d95f02")
    if length <= 6:
        ax.text(0.5, 0.45, "Wₕ", ha="center", va="bottom", fontsize=9, color="#08519c")
        ax.text(1.08, -0.3, "Wₓ", ha="left", va="center", fontsize=9, color="#d95f02")


def unrolled_figure(
    length: int = 12,
    weight_scale: float = 1.0,
    seed: int = 0,
    step_forward: Callable | None = None,
    step_backward: Callable | None = None,
) -> Figure:
    """The unrolled network, its hidden states and the gradient norm per step, as one Figure."""
    return _state_figure(unrolled_state(length, weight_scale, seed, step_forward, step_backward))


def _state_figure(state: dict[str, Any]) -> Figure:
    """Draw what :func:`unrolled_state` returned."""
    picture = _build(state["length"])
    _show(picture, state)
    return picture.figure


@dataclass
class _Picture:
    """A figure for sequences of ``length`` steps (:func:`_build`) and the artists that change with
    the weights (:func:`_show`): the top title's second line, the heat strip of ``h`` (``(H, T)`` pixels) and
    the whole gradient panel, whose log-scale limits and tick labels follow ``||dL/dh_t||``."""

    figure: Figure
    length: int
    weights_line: Text
    states: AxesImage
    gradients: Axes
    bars: BarContainer
    bound: Line2D
    ratio_title: Text
    network: list[Artist]  # the diagram of the unrolled cells (axes 0), redrawn for a new length

    def moving(self) -> tuple[Artist, ...]:
        """What :func:`_show` changes, for :meth:`LivePicture.moving`: in the gradient panel its y axis
        (log-scale limits), bars, bound, right title (the ratio) and the legend the bars pass under, not its time axis.
        Both panels' spines come along: the image and the bars touch them and would cover their inner half."""
        panel = self.gradients
        return (self.weights_line, self.states, *self.states.axes.spines.values(), *self.bars.patches, self.bound,
                panel.get_legend(), self.ratio_title, panel.yaxis, *panel.spines.values())

    def layout_key(self) -> int:
        """The longest tick label of the gradient panel: for a given length the only thing that
        moves the axes when constrained layout places them (see :mod:`gradschool.widgets.layout_cache`)."""
        axis = self.gradients.yaxis
        return max((len(label) for label in axis.major.formatter.format_ticks(axis.major.locator())), default=0)


def _build(T: int) -> _Picture:
    """Everything that depends only on the length ``T``: the network diagram, the panels and their
    time axis, the colour bar; the changing artists are made with placeholder data for :func:`_show`."""
    steps = np.arange(1, T + 1)
    figure = new_figure(9.0, 6.6)
    axes = figure.subplots(3, 1, sharex=True, gridspec_kw={"height_ratios": [1.0, 1.1, 1.4]})
    for ax in axes:
        ax.set_xlim(-0.6, T + 0.6)

    network = _network_of_length(axes[0], T)
    # A title with y given is not re-placed above the ticks on every draw (none are on top here: same place).
    # Its second line changes with the weights: it is a text of its own, where the title's (empty) second
    # line sits (a multi-line text's baseline is its last line's), so that only it is redrawn.
    title = axes[0].set_title(_network_title(T), fontsize=9, y=1.0)
    weights_line = axes[0].text(*title.get_position(), "", transform=title.get_transform(), fontsize=9,
                                ha=title.get_horizontalalignment(), va=title.get_verticalalignment())
    weights_line.set_in_layout(False)  # the title's second line makes room for it

    image = axes[1].imshow(
        np.zeros((HIDDEN, T)), aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest",
        extent=_strip_extent(T),
    )
    axes[1].set_ylabel("hidden unit")
    axes[1].set_title("hidden state hₜ (one column per step; saturated units sit at ±1)", fontsize=9, y=1.0)
    figure.colorbar(image, ax=axes[1], fraction=0.03, pad=0.01)

    bars = axes[2].bar(steps, np.ones(T), width=0.8)
    bound = axes[2].plot(steps, np.ones(T), "k--", linewidth=1, label="σₘₐₓ(Wₕ)ᵀ⁻ᵗ (bound)")[0]
    axes[2].set_yscale("log")
    axes[2].yaxis.set_major_formatter(FuncFormatter(power_of_ten))
    axes[2].set_xlabel("time step t")
    axes[2].xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[2].set_ylabel("‖dL/dhₜ‖")
    # What the loss reads (left) stays; the ratio and the verdict (right, written by _show) change.
    axes[2].set_title(_gradient_title(T), fontsize=9, y=1.0, loc="left")
    ratio_title = axes[2].set_title(" ", fontsize=9, y=1.0, loc="right")
    axes[2].legend(loc="upper left", fontsize=8)
    return _Picture(figure, T, weights_line, image, axes[2], bars, bound, ratio_title, network)


def _network_title(T: int) -> str:
    return f"a tanh RNN unrolled over T = {T} steps, the same Wₓ, Wₕ, b in every cell: hₜ = tanh(xₜ Wₓ + hₜ₋₁ Wₕ + b)\n"


def _gradient_title(T: int) -> str:
    return f"gradient of a loss on the last step, L = u · {sub('h', T)}:"


def _strip_extent(T: int) -> tuple[float, float, float, float]:
    """The heat strip's ``(left, right, bottom, top)``: one column per step 1..T, unit 0 on top."""
    return (0.5, T + 0.5, HIDDEN - 0.5, -0.5)


def _network_of_length(ax: Axes, T: int) -> list[Artist]:
    """:func:`_draw_network` in ``ax``; returns the artists it added (to remove them for another length)."""
    before = set(map(id, ax.get_children()))
    _draw_network(ax, T)
    added = [a for a in ax.get_children() if id(a) not in before]
    for artist in added:
        artist.set_in_layout(False)  # the diagram stays inside its axes; skipping it keeps the layout fast
    return added


def _resize(picture: _Picture, T: int) -> list[Artist]:
    """Make ``picture`` (of another length) one for sequences of ``T`` steps, in place: what
    :func:`_build` would have drawn differently (the diagram, the time axis, the titles, one bar per
    step). Returns the bars it replaced (for :meth:`LivePicture.forget`); fill it with :func:`_show`."""
    diagram, strip, panel = picture.figure.axes[:3]
    for artist in picture.network:
        artist.remove()
    picture.network = _network_of_length(diagram, T)
    diagram.title.set_text(_network_title(T))
    for ax in (diagram, strip, panel):
        ax.set_xlim(-0.6, T + 0.6)  # shared: one would do; all three say so
    picture.states.set_data(np.zeros((HIDDEN, T)))
    picture.states.set_extent(_strip_extent(T))
    old = list(picture.bars.patches)
    picture.bars.remove()
    steps = np.arange(1, T + 1)
    picture.bars = panel.bar(steps, np.ones(T), width=0.8)
    picture.bound.set_data(steps, np.ones(T))
    panel._left_title.set_text(_gradient_title(T))
    picture.length = T
    return old


def _show(picture: _Picture, state: dict[str, Any]) -> None:
    """Put what :func:`unrolled_state` returned (of ``picture.length`` steps) on ``picture``."""
    T = state["length"]
    steps = np.arange(1, T + 1)
    sigma = float(state["singular_values"][0])
    picture.weights_line.set_text(
        f"Wₕ = {state['weight_scale']:g} x Gaussian / sqrt(H):  "
        f"largest singular value σₘₐₓ(Wₕ) = {sigma:.2f}, spectral radius {state['spectral_radius']:.2f}"
    )
    picture.states.set_data(state["h"].T)

    norms = state["grad_norms"]
    ratio = norms[0] / norms[-1]
    colour = "#2ca02c" if 1e-2 <= ratio <= 1e2 else ("#1f77b4" if ratio < 1e-2 else "#d62728")
    for bar, norm in zip(picture.bars, norms):
        bar.set_height(norm)
        bar.set_facecolor(colour)
    picture.bound.set_ydata(sigma ** (T - steps.astype(float)))
    low = min(float(np.min(norms)), 1.0)
    high = max(float(np.max(norms)), 1.0)
    picture.gradients.set_ylim(max(low / 10, 1e-30), min(high * 10, 1e30))
    verdict = "vanishing" if ratio < 1e-2 else ("exploding" if ratio > 1e2 else "roughly stable")
    h_T = sub("h", T)  # no subscript capital T in Unicode: the last step's number
    picture.ratio_title.set_text(f"‖dL/dh₁‖ / ‖dL/d{h_T}‖ = {ratio:.2g}  ({verdict})")


class UnrolledRNNExplorer(FigureExplorer):
    """Sliders for sequence length, recurrent weight scale and seed over :func:`unrolled_figure`.

    ``state`` holds the last :func:`unrolled_state` drawn. Pass ``step_forward`` and
    ``step_backward`` to draw with your own step functions instead of the reference ones.

    One figure is kept: moving the weight scale or the seed redraws only the titles, the heat strip
    and the gradient panel over a cached background (:class:`LivePicture`). A new length remakes
    the diagram, the bars and the time axis in the same figure (:func:`_resize`) and draws it whole,
    as do gradient tick labels of another width (which move the axes).
    """

    _held = ("_live", "_picture")  # a retired explorer lets go of its figure

    def __init__(
        self,
        length: int = 12,
        weight_scale: float = 1.0,
        seed: int = 0,
        step_forward: Callable | None = None,
        step_backward: Callable | None = None,
    ):
        self._step_forward = step_forward
        self._step_backward = step_backward
        self.state: dict[str, Any] = {}
        self._picture: _Picture | None = None
        self._live: LivePicture | None = None
        self._layout_key: int | None = None  # _Picture.layout_key() when the figure was laid out
        style = {"description_width": "initial"}
        controls = {
            "length": widgets.IntSlider(value=length, min=2, max=MAX_LENGTH, step=1, description="length T", style=style),
            "weight_scale": widgets.FloatSlider(
                value=weight_scale, min=0.2, max=3.0, step=0.05, description="weight scale", style=style, readout_format=".2f"
            ),
            "seed": widgets.IntSlider(value=seed, min=0, max=20, step=1, description="seed", style=style),
        }
        super().__init__(controls, self._draw_current)

    def _draw_current(self, length: int, weight_scale: float, seed: int) -> LivePicture:
        self.state = unrolled_state(length, weight_scale, seed, self._step_forward, self._step_backward)
        picture, live = self._picture, self._live
        if picture is None:
            self._rebuild()
            return self._live
        resized = picture.length != self.state["length"]
        if resized:  # the same figure, made for the new length: no new axes, ticks or colour bar
            live.forget(_resize(picture, self.state["length"]))
            live.moving(*picture.bars.patches)
        _show(picture, self.state)
        if not resized and picture.layout_key() == self._layout_key:
            return live  # the frequent path: only the moving artists are redrawn
        self._lay_out()
        return live

    def _rebuild(self) -> None:
        """The figure for ``self.state``, built once and drawn whole."""
        picture = _build(self.state["length"])
        _show(picture, self.state)
        live = LivePicture(picture.figure)
        live.moving(*picture.moving())
        self._picture, self._live = picture, live
        self._lay_out()

    def _lay_out(self) -> None:
        """The picture's shape changed (a new length; rarely, gradient tick labels of another width):
        the next frame is drawn whole, the axes placed where constrained layout put those of a figure
        of this shape before (the live picture's full draws go through layout_cache)."""
        self._layout_key = self._picture.layout_key()
        self._live.invalidate()

"""Chapter 6 pictures: a kernel sliding over a digit, the feature map filling in, then pooling.

* :data:`KERNELS`: five classic 3x3 kernels (``"sobel x"``, ``"sobel y"``, ``"blur"``,
  ``"sharpen"``, ``"identity"``).
* :func:`feature_map`: one digit cross-correlated with one kernel (stride, zero padding).
* :func:`convolution_figure`: a static picture of the convolution at one output position:
  the padded digit with the kernel's window on it, the kernel, the products ``window * kernel``
  whose sum is the output, the feature map filled up to that position, and its 2x2 pooling.
* :func:`kernel_gallery_figure`: one digit next to its response to every kernel.
* :class:`ConvolutionStepper`: the same picture with controls (digit, kernel, stride, padding,
  pooling, step slider) and Play/Pause, Step and Reset buttons that slide the window one
  output cell at a time.

Everything here works before the student has written any code (it uses
:mod:`gradschool.reference.conv`). Pass ``conv_forward=conv2d_forward`` (your own function from
the chapter, same contract) to draw your own feature maps instead. No pyplot figure is opened.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from gradschool.reference.conv import avgpool2d_forward, conv2d_forward, conv_output_size, maxpool2d_forward
from gradschool.widgets.base import PlayLoop, FigureExplorer, new_figure
from gradschool.widgets.live import LivePicture

__all__ = [
    "KERNELS",
    "POOLS",
    "digit_image",
    "feature_map",
    "convolution_figure",
    "kernel_gallery_figure",
    "ConvolutionStepper",
]

KERNELS: dict[str, np.ndarray] = {
    # responds to left-to-right brightness changes (vertical edges)
    "sobel x": np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]),
    # responds to top-to-bottom brightness changes (horizontal edges)
    "sobel y": np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]]),
    "blur": np.full((3, 3), 1.0 / 9.0),
    "sharpen": np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
    "identity": np.array([[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]),
}
POOLS = ("max", "avg")
POOL_SIZE = 2  # the pooling panel always pools 2x2 windows with stride 2
DIGIT_CHOICES = 40  # the stepper's dropdown offers the first this many training digits

# conv_forward has conv2d_forward's contract: (x (N,C,H,W), w (F,C,KH,KW), b (F,), stride, pad) -> (out, cache)
ConvForward = Callable[..., tuple]


@lru_cache(maxsize=1)
def _training_digits() -> tuple[np.ndarray, np.ndarray]:
    from gradschool.data import load_digits

    return load_digits("train", images=True)


def digit_image(index: int) -> tuple[np.ndarray, int]:
    """Training digit number ``index``: its ``(8, 8)`` image (values in [0, 1]) and its label."""
    images, labels = _training_digits()
    return images[int(index)], int(labels[int(index)])


def _kernel(kernel: str | np.ndarray) -> np.ndarray:
    if isinstance(kernel, str):
        if kernel not in KERNELS:
            raise ValueError(f"kernel must be one of {sorted(KERNELS)} or a 2-D array, not {kernel!r}")
        return KERNELS[kernel]
    kernel = np.asarray(kernel, dtype=np.float64)
    if kernel.ndim != 2:
        raise ValueError(f"a kernel is a 2-D array, got shape {kernel.shape}")
    return kernel


def feature_map(image: Any, kernel: str | np.ndarray, stride: int = 1, pad: int = 0,
                conv_forward: ConvForward | None = None) -> np.ndarray:
    """``image`` ``(H, W)`` cross-correlated with one kernel (a name of :data:`KERNELS` or an array).

    Returns the ``(OH, OW)`` feature map (no bias). ``conv_forward`` defaults to the reference one.
    """
    conv = conv_forward or conv2d_forward
    image = np.asarray(image, dtype=np.float64)
    weights = _kernel(kernel)
    out, _ = conv(image[None, None], weights[None, None], np.zeros(1), stride, pad)
    return np.asarray(out, dtype=np.float64)[0, 0]


def _pooled(fmap: np.ndarray, pool: str) -> np.ndarray:
    if pool not in POOLS:
        raise ValueError(f"pool must be one of {POOLS}, not {pool!r}")
    forward = maxpool2d_forward if pool == "max" else avgpool2d_forward
    if min(fmap.shape) < POOL_SIZE:
        return np.zeros((0, 0))
    return forward(fmap[None, None], POOL_SIZE, POOL_SIZE)[0][0, 0]


def _diverging(values: np.ndarray) -> dict:
    """imshow keywords for a red-blue map centred on 0, NaN drawn light grey."""
    top = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
    cmap = matplotlib.colormaps["RdBu_r"].with_extremes(bad="0.92")
    return {"cmap": cmap, "vmin": -max(top, 1e-12), "vmax": max(top, 1e-12)}


def _annotate(ax, values: np.ndarray, fmt: str, size: float) -> list[Text]:
    """Write each finite value of ``values`` ``(H, W)`` on its cell; returns the texts, row by row."""
    return [ax.text(col, row, format(value, fmt), ha="center", va="center", fontsize=size)
            for (row, col), value in np.ndenumerate(values) if np.isfinite(value)]


def _grid_off(ax) -> None:
    ax.set_xticks([])
    ax.set_yticks([])


_UNDONE = (0.92, 0.92, 0.92, 1.0)  # a cell not computed yet: the light grey of NaN in _diverging's maps


@dataclass
class _Stepping:
    """What a new output position changes in :func:`_build`'s figure. The feature map and its pooling
    are drawn complete, and ``map_cover`` / ``pool_cover`` (RGBA images, grey where a cell is not
    computed yet, clear elsewhere) hide what is not computed yet: the numbers under them need not be
    redrawn. Moving parts cover the spines' inner halves, so the spines are redrawn too (over them)."""

    padded: np.ndarray  # (H + 2 pad, W + 2 pad)
    weights: np.ndarray  # (KH, KW)
    stride: int
    fmap: np.ndarray  # (OH, OW), complete
    pool_last_cell: np.ndarray  # (PH, PW) the last map cell (row-major index) of each pooling window
    window: Rectangle
    products: AxesImage
    product_texts: list[Text]
    products_title: Text
    map_cover: AxesImage
    map_cell: Rectangle
    map_title: Text
    mismatch: str
    pool_cover: AxesImage | None
    spines: list[Artist]

    def artists(self) -> tuple[Artist, ...]:
        covers = (self.map_cover,) if self.pool_cover is None else (self.map_cover, self.pool_cover)
        return (self.window, self.products, *covers, *self.spines, *self.product_texts, self.products_title,
                self.map_cell, self.map_title)


def _cover(ax, shape: tuple[int, int]) -> AxesImage:
    """A clear image over a ``shape`` map drawn by imshow (same cells, same extent), on top of its numbers."""
    return ax.imshow(np.zeros((*shape, 4)), zorder=3.5)


def _build(figure: Figure, image: np.ndarray, label: int | None, digit_index: int | None, kernel_name: str,
           weights: np.ndarray, stride: int, pad: int, pool: str, conv_forward: ConvForward | None) -> _Stepping:
    """Everything that does not depend on the output position (see :func:`_show`)."""
    kh, kw = weights.shape
    fmap = feature_map(image, weights, stride, pad, conv_forward)
    oh, ow = fmap.shape
    expected = (conv_output_size(image.shape[0], kh, stride, pad), conv_output_size(image.shape[1], kw, stride, pad))
    padded = np.pad(image, pad)

    axes = figure.subplots(1, 5, gridspec_kw={"width_ratios": [1.25, 0.8, 0.8, 1.1, 0.9], "left": 0.01, "right": 0.99,
                                              "bottom": 0.03, "top": 0.82, "wspace": 0.12})
    ax_in, ax_kernel, ax_prod, ax_map, ax_pool = axes

    ax_in.imshow(padded, cmap="gray_r", vmin=0.0, vmax=1.0)
    if pad:
        ax_in.add_patch(Rectangle((pad - 0.5, pad - 0.5), image.shape[1], image.shape[0], fill=False,
                                  edgecolor="0.5", linestyle="--", linewidth=1))
    window = ax_in.add_patch(Rectangle((-0.5, -0.5), kw, kh, fill=False, edgecolor="crimson", linewidth=2.5))
    name = f"digit #{digit_index} (a {label})" if digit_index is not None else "input"
    ax_in.set_title(f"{name}\npadded by {pad}" if pad else f"{name}\nno padding", fontsize=9)
    _grid_off(ax_in)

    ax_kernel.imshow(weights, **_diverging(weights))
    _annotate(ax_kernel, weights, ".2g", 8)
    ax_kernel.set_title(f"kernel: {kernel_name}", fontsize=9)
    _grid_off(ax_kernel)

    zeros = np.zeros(weights.shape)
    products = ax_prod.imshow(zeros, **_diverging(zeros))
    product_texts = _annotate(ax_prod, zeros, ".2f", 7)
    ax_prod.set_title("\n", fontsize=9)
    _grid_off(ax_prod)

    ax_map.imshow(fmap, **_diverging(fmap))
    if max(oh, ow) <= 10:
        _annotate(ax_map, fmap, ".1f", 6)
    map_cover = _cover(ax_map, fmap.shape)
    # Over the numbers and the cover, in the full draw too: the cell's frame is redrawn on every step.
    map_cell = ax_map.add_patch(Rectangle((-0.5, -0.5), 1, 1, fill=False, edgecolor="crimson", linewidth=2.5,
                                          zorder=3.6))
    mismatch = "" if fmap.shape == expected else f"\n(expected {expected[0]}x{expected[1]}!)"
    ax_map.set_title("\n" + mismatch, fontsize=9)
    _grid_off(ax_map)

    pooled = _pooled(fmap, pool)
    pool_cover = None
    rows, cols = np.indices(pooled.shape)
    pool_last_cell = (rows * POOL_SIZE + POOL_SIZE - 1) * ow + (cols * POOL_SIZE + POOL_SIZE - 1)
    if pooled.size:
        ph, pw = pooled.shape
        ax_pool.imshow(pooled, **_diverging(fmap))
        _annotate(ax_pool, pooled, ".1f", 7)
        pool_cover = _cover(ax_pool, pooled.shape)
        ax_pool.set_title(f"{POOL_SIZE}x{POOL_SIZE} {pool} pool\n-> {ph}x{pw}", fontsize=9)
    else:
        ax_pool.text(0.5, 0.5, "map too small\nto pool 2x2", ha="center", va="center", transform=ax_pool.transAxes)
        ax_pool.set_title(f"{POOL_SIZE}x{POOL_SIZE} {pool} pool", fontsize=9)
    _grid_off(ax_pool)
    spines = [spine for ax in (ax_in, ax_prod, ax_map, ax_pool) for spine in ax.spines.values()]
    for spine in spines:
        spine.set_zorder(3.7)  # over the covers, as the spines are over the images they frame
    return _Stepping(padded, weights, stride, fmap, pool_last_cell, window, products, product_texts,
                     ax_prod.title, map_cover, map_cell, ax_map.title, mismatch, pool_cover, spines)


def _show(stepping: _Stepping, position: int | None) -> None:
    """Show the convolution at output cell ``position`` (row-major; None: the last one)."""
    kh, kw = stepping.weights.shape
    oh, ow = stepping.fmap.shape
    cells = oh * ow
    position = cells - 1 if position is None else int(min(max(position, 0), cells - 1))
    i, j = divmod(position, ow)
    s = stepping.stride
    stepping.window.set_xy((j * s - 0.5, i * s - 0.5))
    window = stepping.padded[i * s: i * s + kh, j * s: j * s + kw]
    products = window * stepping.weights + 0.0  # + 0.0 turns -0.0 into 0.0 for the labels
    stepping.products.set_data(products)
    limits = _diverging(products)
    stepping.products.set_clim(limits["vmin"], limits["vmax"])
    for text, value in zip(stepping.product_texts, products.flat):
        text.set_text(format(value, ".2f"))
    stepping.products_title.set_text(f"window x kernel\nsum = {products.sum():.2f}")

    undone = np.arange(cells).reshape(oh, ow) > position
    stepping.map_cover.set_data(np.where(undone[..., None], _UNDONE, 0.0))
    stepping.map_cell.set_xy((j - 0.5, i - 0.5))
    stepping.map_title.set_text(f"feature map {oh}x{ow}, stride {s}\nout[{i}, {j}] = {stepping.fmap[i, j]:.2f}"
                                + stepping.mismatch)
    if stepping.pool_cover is not None:  # a pooled value shows once every cell of its window is computed
        stepping.pool_cover.set_data(np.where((stepping.pool_last_cell > position)[..., None], _UNDONE, 0.0))


def _figure_for(digit_index: int, kernel: str, stride: int, pad: int, pool: str,
                conv_forward: ConvForward | None) -> tuple[Figure, _Stepping]:
    """:func:`convolution_figure`'s figure with nothing at a position yet, and what :func:`_show` moves."""
    image, label = digit_image(digit_index)
    figure = new_figure(12.0, 3.0)
    # a fixed layout (margins in _build): constrained layout would redo its layout on every full draw (slow)
    figure.set_layout_engine("none")
    return figure, _build(figure, image, label, digit_index, kernel, _kernel(kernel), int(stride), int(pad), pool,
                          conv_forward)


def convolution_figure(digit_index: int = 0, kernel: str = "sobel x", stride: int = 1, pad: int = 1,
                       position: int | None = None, pool: str = "max",
                       conv_forward: ConvForward | None = None) -> Figure:
    """A static picture of one step of a convolution over a training digit.

    Args:
        digit_index: which training digit (``load_digits("train", images=True)``).
        kernel: a name of :data:`KERNELS`.
        stride, pad: of the convolution.
        position: the output cell being computed, counted in row-major order from 0; the cells
            before it are filled in. ``None`` (or anything past the end) shows the finished map.
        pool: ``"max"`` or ``"avg"``, for the 2x2 pooling panel.
        conv_forward: your ``conv2d_forward`` to draw with (default: the reference one).
    """
    figure, stepping = _figure_for(digit_index, kernel, stride, pad, pool, conv_forward)
    _show(stepping, position)
    return figure


def kernel_gallery_figure(image: Any, kernels: dict[str, np.ndarray] | None = None, pad: int = 1,
                          conv_forward: ConvForward | None = None) -> Figure:
    """``image`` ``(H, W)`` and its feature map under each kernel (stride 1), side by side."""
    kernels = KERNELS if kernels is None else kernels
    image = np.asarray(image, dtype=np.float64)
    figure = new_figure(2.0 * (len(kernels) + 1), 2.4)
    axes = figure.subplots(1, len(kernels) + 1)
    axes[0].imshow(image, cmap="gray_r", vmin=0.0, vmax=1.0)
    axes[0].set_title("input", fontsize=9)
    for ax, (name, weights) in zip(axes[1:], kernels.items()):
        fmap = feature_map(image, weights, 1, pad, conv_forward)
        ax.imshow(fmap, **_diverging(fmap))
        ax.set_title(name, fontsize=9)
    for ax in axes:
        _grid_off(ax)
    return figure


class ConvolutionStepper(PlayLoop, FigureExplorer):
    """Slide a 3x3 kernel over a digit, one output cell per step, and watch the map fill in.

    Controls: the digit, the kernel, the stride, the padding, the pooling type and the step
    slider (which output cell is being computed). ``Step`` moves the window one cell on, ``Play``
    keeps stepping in a background thread (the kernel stays free; ``Pause`` stops it within
    ``interval`` seconds) until the map is complete, ``Reset`` goes back to the first cell.
    Scripts and tests call :meth:`step` and :meth:`reset`.

    ``conv_forward`` (optional, ``conv2d_forward``'s contract) draws your own feature maps.
    """

    _held = ("_live", "_stepping")  # a retired stepper lets go of its figure

    def __init__(self, digit_index: int = 0, kernel: str = "sobel x", stride: int = 1, pad: int = 1,
                 pool: str = "max", position: int = 0, conv_forward: ConvForward | None = None,
                 interval: float = 0.3):
        _kernel(kernel)
        self.conv_forward = conv_forward
        # One figure per digit, kernel, stride, padding and pooling (see _figure).
        self._live: LivePicture | None = None
        self._stepping: _Stepping | None = None
        self._shown: dict | None = None
        self.interval = float(interval)
        _, labels = _training_digits()
        self.digit = widgets.Dropdown(options=[(f"#{k}: a {labels[k]}", k) for k in range(DIGIT_CHOICES)],
                                      value=int(digit_index), description="digit")
        self.kernel = widgets.Dropdown(options=list(KERNELS), value=kernel, description="kernel")
        self.stride = widgets.Dropdown(options=[1, 2, 3], value=int(stride), description="stride")
        self.pad = widgets.Dropdown(options=[0, 1, 2], value=int(pad), description="padding")
        self.pool = widgets.Dropdown(options=list(POOLS), value=pool, description="pooling")
        cells = self._cells(int(stride), int(pad))
        self.position = widgets.IntSlider(value=int(min(max(position, 0), cells - 1)), min=0, max=cells - 1,
                                          description="step", continuous_update=True)
        self.play = widgets.ToggleButton(value=False, description="Play", icon="play", tooltip="Play / Pause")
        self.step_button = widgets.Button(description="Step", icon="step-forward", tooltip="next output cell")
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="back to the first cell")
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._holding = False
        # registered before FigureExplorer's own observer, so the slider's range is right when it redraws
        for control in (self.stride, self.pad):
            control.observe(self._on_geometry, names="value")
        controls = {"digit_index": self.digit, "kernel": self.kernel, "stride": self.stride, "pad": self.pad,
                    "pool": self.pool, "position": self.position}
        super().__init__(controls, self._figure)
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step(1))
        self.reset_button.on_click(lambda _button: self.reset())
        buttons = widgets.HBox([self.play, self.step_button, self.reset_button])
        self.children = (self.children[0], buttons, self.image)

    # ---- state
    @staticmethod
    def _cells(stride: int, pad: int) -> int:
        side = conv_output_size(8, 3, stride, pad)  # digits are 8x8, kernels 3x3
        return side * side

    @property
    def cells(self) -> int:
        """How many output cells the current stride and padding give."""
        return self._cells(self.stride.value, self.pad.value)

    @property
    def current_cell(self) -> tuple[int, int]:
        """``(i, j)``: the output cell being computed now."""
        side = conv_output_size(8, 3, self.stride.value, self.pad.value)
        return divmod(self.position.value, side)

    @property
    def finished(self) -> bool:
        return self.position.value >= self.cells - 1

    def feature_map(self) -> np.ndarray:
        """The complete feature map for the current digit, kernel, stride and padding."""
        image, _ = digit_image(self.digit.value)
        return feature_map(image, self.kernel.value, self.stride.value, self.pad.value, self.conv_forward)

    def _figure(self, position: int, **shape: Any) -> LivePicture:
        """The picture at ``position``; a new figure only when a dropdown changed (``shape``: digit,
        kernel, stride, padding, pooling), else Step, Play and the step slider redraw what moved."""
        if self._shown != shape:
            figure, self._stepping = _figure_for(conv_forward=self.conv_forward, **shape)
            self._live = LivePicture(figure)
            self._live.moving(*self._stepping.artists())
            self._shown = shape
        _show(self._stepping, position)
        return self._live

    # ---- changes
    def _on_geometry(self, _change: dict) -> None:
        """Stride or padding changed: the number of output cells changed; keep the slider in range."""
        self._holding = True
        try:
            last = self.cells - 1
            self.position.value = min(self.position.value, last)
            self.position.max = last
        finally:
            self._holding = False

    def _on_change(self, change: dict) -> None:
        if not self._holding:
            self._refresh_for(change)

    def _refresh(self) -> None:
        with self._lock:
            self.redraw()

    def step(self, n: int = 1) -> None:
        """Move the window ``n`` output cells on (it stops at the last cell); redraws once."""
        with self._lock:
            self.position.value = int(min(self.position.value + int(n), self.cells - 1))

    def reset(self) -> None:
        """Stop playing and go back to the first output cell."""
        self.pause()
        self.position.value = 0

    # ---- play / pause
    def _before_play(self) -> bool:
        if self.finished:
            self.position.value = 0  # playing a finished map starts it over
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            with self._lock:
                if self._stop.is_set() or self.finished:
                    break
                self.step(1)
        if not self._stop.is_set():
            self.play.value = False  # finished by itself: calls pause(), which does not join its own thread


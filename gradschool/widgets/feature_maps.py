"""Chapter 10 picture: what a trained CNN sees in a digit, layer by layer, and how its filters form.

For one digit and one layer of a CNN the picture shows, from left to right: the digit with the
network's class probabilities under it; the layer's feature maps (one tile per channel, all on
one colour scale, so strong and weak channels can be compared); the filters of the convolution
that produced them; and, when the network is being trained here, its loss and test accuracy.

* :func:`feature_layers`: the names of a model's layers whose output is a stack of maps
  ``(N, C, H, W)`` (convolutions, activations, pooling...), in the order the forward pass runs them.
* :func:`layer_outputs`: what those layers output for a batch of images (forward hooks).
* :func:`feature_map_figure`: the static picture for one model, digit and layer.
* :class:`FeatureTrainer`: a copy of a model trained on the digits with Adam, ``step(n)`` at a
  time, with its history. No widget: scripts and tests use it directly.
* :class:`FeatureMapExplorer`: the live widget: digit and layer controls, plus Play/Pause
  (training runs in a background thread and the notebook stays free), Step and Reset, to watch
  filters and maps form from random ones.

Any ``nn.Module`` that takes ``(N, 1, 8, 8)`` digits and returns logits works, the chapter's
``ConvNet`` included; without one, the reference :class:`~gradschool.reference.torch_cnn.ConvNet`
is used. Everything runs on the CPU (these networks are tiny). No pyplot figure is opened.
"""

from __future__ import annotations

import copy
import math
import threading
from dataclasses import dataclass
from typing import Callable

import ipywidgets as widgets
import numpy as np
import torch
import torch.nn.functional as F
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from torch import nn

from gradschool.reference.torch_cnn import ConvNet, digit_tensors, trained_digit_classifier
from gradschool.widgets.base import BrowserRedraw, PlayLoop, new_figure
from gradschool.widgets.live import LivePicture, doubled_until

__all__ = [
    "feature_layers",
    "layer_outputs",
    "feature_map_figure",
    "FeatureTrainer",
    "FeatureMapExplorer",
]

RECORD_EVERY = 10  # FeatureTrainer measures the test accuracy every this many steps
MAX_STEPS = 5_000  # Play stops by itself here (about 110 epochs of the digits)
HISTORY_STEPS = 100  # the training panel's first x range; doubled whenever the curves reach its end


# --------------------------------------------------------------------------- looking inside a model


def _leaves(model: nn.Module) -> dict[str, nn.Module]:
    return {name: module for name, module in model.named_modules() if name and not list(module.children())}


def _probe(model: nn.Module, images: torch.Tensor, names: list[str] | None = None) -> tuple[dict, torch.Tensor]:
    """Run ``model`` on ``images`` in eval mode, recording the output of each leaf layer (in call order)."""
    leaves = _leaves(model)
    wanted = leaves if names is None else {n: leaves[n] for n in names if n in leaves}
    outputs: dict[str, torch.Tensor] = {}

    def hook_for(name: str):
        def hook(_module, _inputs, output):
            if isinstance(output, torch.Tensor) and name not in outputs:
                outputs[name] = output.detach().float().cpu()
        return hook

    handles = [module.register_forward_hook(hook_for(name)) for name, module in wanted.items()]
    was_training = model.training
    device = _device_of(model)
    try:
        model.eval()
        with torch.no_grad():
            logits = model(images.to(device)).detach().float().cpu()
    finally:
        for handle in handles:
            handle.remove()
        model.train(was_training)
    return outputs, logits


def _device_of(model: nn.Module) -> torch.device:
    parameter = next(model.parameters(), None)
    return parameter.device if parameter is not None else torch.device("cpu")


def feature_layers(model: nn.Module) -> list[str]:
    """Names of the layers (leaf modules) whose output is a stack of maps ``(N, C, H, W)``, in call order."""
    outputs, _ = _probe(model, torch.zeros(1, 1, 8, 8))
    return [name for name, out in outputs.items() if out.dim() == 4]


def layer_outputs(model: nn.Module, images: torch.Tensor, layers: list[str] | None = None) -> dict[str, torch.Tensor]:
    """``{layer name: output (N, C, H, W) on the CPU}`` for ``images (N, 1, 8, 8)``, in eval mode."""
    outputs, _ = _probe(model, images, layers)
    return {name: out for name, out in outputs.items() if out.dim() == 4}


def _conv_feeding(model: nn.Module, layer: str) -> tuple[str, nn.Conv2d] | None:
    """The last convolution the forward pass runs at or before ``layer``: the filters behind its maps."""
    leaves = _leaves(model)
    order = list(_probe(model, torch.zeros(1, 1, 8, 8))[0])
    found = None
    for name in order:
        if isinstance(leaves[name], nn.Conv2d):
            found = (name, leaves[name])
        if name == layer:
            break
    return found


def _mosaic(tiles: np.ndarray, columns: int) -> np.ndarray:
    """``tiles (K, H, W)`` laid out in a grid with one-pixel NaN gaps (drawn as background)."""
    count, height, width = tiles.shape
    rows = math.ceil(count / columns)
    grid = np.full((rows * (height + 1) - 1, columns * (width + 1) - 1), np.nan)
    for k in range(count):
        r, c = divmod(k, columns)
        grid[r * (height + 1): r * (height + 1) + height, c * (width + 1): c * (width + 1) + width] = tiles[k]
    return grid


def _filter_tiles(conv: nn.Conv2d) -> tuple[np.ndarray, str]:
    """One ``KH x KW`` tile per filter: the filter itself for one input channel, else its strongest slice."""
    weight = conv.weight.detach().float().cpu().numpy()  # (F, C, KH, KW)
    if weight.shape[1] == 1:
        return weight[:, 0], "red +, blue -"
    strongest = np.linalg.norm(weight.reshape(weight.shape[0], weight.shape[1], -1), axis=2).argmax(axis=1)
    return weight[np.arange(len(weight)), strongest], "each one's strongest input channel"


# --------------------------------------------------------------------------- the picture


# Titles that change with the digit or the training are laid out at their widest, once: the layout
# then holds for every later text (a kept figure is not laid out again on every frame).
_WIDEST_VERDICT = "a 0; predicted 0 (100%)"
_WIDEST_PROGRESS = "training: step 00000, test acc 0.000"


@dataclass
class _Picture:
    """One figure of the explorer for one ``layer``, and the artists that change with the digit or
    the training (:func:`_update` sets them). ``history`` is None for the picture without training."""

    figure: Figure
    layer: str
    digit: AxesImage  # the 8 x 8 digit
    verdict: Text  # its title: label, predicted class and probability
    bars: list[Rectangle]  # one bar per class
    maps: AxesImage  # the layer's maps in a mosaic
    maps_columns: int
    conv: nn.Conv2d | None  # the convolution whose filters are shown (None: no filters panel)
    filters: AxesImage | None
    filters_columns: int
    spines: list[Artist]  # the frames over the digit and the bars, drawn over them as before
    history: _History | None = None
    background: tuple = ()  # what the history panel's background shows (it changes rarely: a full redraw then)

    def moving(self) -> list[Artist]:
        """What changes from frame to frame (drawn over a cached background by a LivePicture)."""
        artists = [self.digit, self.verdict, *self.bars, *self.spines, self.maps]
        artists += [self.filters] if self.filters is not None else []
        return artists + (self.history.moving() if self.history is not None else [])


@dataclass
class _History:
    """The training panel: loss and accuracy curves, their legend, a title, and the placeholder
    shown before the first record. The legend and the placeholder change only with the first
    record (and Reset): they stay in the background, under the curves."""

    axes: Axes
    loss: Line2D
    accuracy: Line2D
    legend: Legend
    title: Text
    placeholder: Text

    def moving(self) -> list[Artist]:
        return [self.loss, self.accuracy, self.title, *self.axes.spines.values()]


def _build(figure: Figure, model: nn.Module, layer: str, history: bool) -> _Picture:
    """Lay out the picture of ``model`` at ``layer`` in ``figure``: axes, titles and empty images
    of the right shapes; :func:`_update` fills them in for a digit."""
    channels, height, width = layer_outputs(model, torch.zeros(1, 1, 8, 8), [layer])[layer].shape[1:]
    columns = 4 if history else 3
    ratios = [1.0, 2.3, 2.3, 1.9][:columns]
    grid = figure.add_gridspec(2, columns, width_ratios=ratios, height_ratios=[1.2, 1.0])

    ax = figure.add_subplot(grid[0, 0])
    digit = ax.imshow(np.zeros((8, 8)), cmap="gray_r", vmin=0, vmax=1)
    verdict = ax.set_title(_WIDEST_VERDICT, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])

    spines = list(ax.spines.values())

    ax = figure.add_subplot(grid[1, 0])
    bars = list(ax.bar(np.arange(10), np.zeros(10)))
    spines += ax.spines.values()
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(10))
    ax.tick_params(labelsize=7)
    ax.set_title("class probabilities", fontsize=8)

    ax = figure.add_subplot(grid[:, 1])
    maps_columns = math.ceil(math.sqrt(channels))
    maps = ax.imshow(_mosaic(np.zeros((channels, height, width)), maps_columns))
    kind = type(_leaves(model)[layer]).__name__
    ax.set_title(f"output of {layer} ({kind})\n{channels} maps of {height}x{width}", fontsize=9)
    ax.set_axis_off()

    ax = figure.add_subplot(grid[:, 2])
    feeding = _conv_feeding(model, layer)
    conv, filters, filters_columns = None, None, 0
    if feeding is None:
        ax.text(0.5, 0.5, "no convolution\nbefore this layer", ha="center", va="center")
    else:
        name, conv = feeding
        tiles, note = _filter_tiles(conv)
        filters_columns = math.ceil(math.sqrt(len(tiles)))
        filters = ax.imshow(_mosaic(tiles, filters_columns), cmap="RdBu_r")
        count, inputs, kh, kw = conv.weight.shape
        ax.set_title(f"filters of {name}: {count} x ({inputs} x {kh}x{kw})\n{note}", fontsize=9)
    ax.set_axis_off()

    panel = None
    if history:
        ax = figure.add_subplot(grid[:, 3])
        loss = ax.plot([], [], color="tab:blue", label="batch loss")[0]
        accuracy = ax.plot([], [], color="tab:green", label="test accuracy")[0]
        legend = ax.legend(fontsize=7, loc="center right")
        placeholder = ax.text(0.5, 0.52, "not trained here yet:\npress Play or Step", ha="center", va="center",
                              fontsize=9, transform=ax.transAxes)
        ax.set_xlim(0, 10_000)  # room for the widest tick label at the right end, in the layout below
        ax.set_xlabel("step (mini-batches)", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        panel = _History(ax, loss, accuracy, legend, ax.set_title(_WIDEST_PROGRESS, fontsize=9), placeholder)
    _freeze_layout(figure)
    return _Picture(figure, layer, digit, verdict, bars, maps, maps_columns, conv, filters, filters_columns, spines, panel)


def _freeze_layout(figure: Figure) -> None:
    """Place the axes once with constrained layout, then keep them there: a kept figure's frames are
    drawn over a background and must not move, and a full draw then skips the layout passes."""
    figure.get_layout_engine().execute(figure)
    figure.set_layout_engine("none")


def _update(picture: _Picture, model: nn.Module, image: torch.Tensor, label: int | None,
            history: dict | None = None) -> bool:
    """Show ``model`` on ``image (1, 8, 8)`` (true class ``label``) and the training ``history`` in
    ``picture``. Returns True when something outside :meth:`_Picture.moving` changed too (the
    history's axis limits or legend): a cached background is then out of date."""
    outputs, logits = _probe(model, image[None], [picture.layer])
    maps = outputs[picture.layer][0].numpy()  # (C, H, W)
    probs = F.softmax(logits[0], dim=0).numpy()

    picture.digit.set_data(image[0].numpy())
    predicted = int(probs.argmax())
    truth = f"a {label}; " if label is not None else ""
    picture.verdict.set_text(f"{truth}predicted {predicted} ({probs[predicted]:.0%})")
    for k, bar in enumerate(picture.bars):
        bar.set_height(probs[k])
        bar.set_facecolor("tab:green" if k == label else "tab:blue")

    # All maps on one colour scale, set by this digit's strongest response.
    top = float(np.abs(maps).max()) or 1.0
    signed = bool((maps < 0).any())
    picture.maps.set_data(_mosaic(maps, picture.maps_columns))
    picture.maps.set_cmap("RdBu_r" if signed else "magma")
    picture.maps.set_clim(-top if signed else 0.0, top)

    if picture.filters is not None:
        tiles, _ = _filter_tiles(picture.conv)
        top = float(np.abs(tiles).max()) or 1.0
        picture.filters.set_data(_mosaic(tiles, picture.filters_columns))
        picture.filters.set_clim(-top, top)
    return picture.history is not None and _update_history(picture, history)


def _update_history(picture: _Picture, history: dict) -> bool:
    """The training panel for ``history``; True when its background changed (axis limits, legend)."""
    panel = picture.history
    steps = history["step"]
    trained = len(steps) > 1
    panel.loss.set_data(steps, history["loss"])
    panel.accuracy.set_data(steps, history["accuracy"])
    panel.legend.set_visible(trained)
    panel.placeholder.set_visible(not trained)
    last = history["accuracy"][-1] if history["accuracy"] else float("nan")
    panel.title.set_text(f"training: step {steps[-1] if steps else 0}, test acc {last:.3f}")

    # Room to the right, doubled when the curves reach it: the axes change a few times per run.
    right = doubled_until(HISTORY_STEPS, steps[-1] if steps else 0)
    losses = np.asarray(history["loss"], dtype=float)
    top = float(np.nanmax(losses)) if np.isfinite(losses).any() else 1.0
    background = (right, max(1.05, min(3.0, top * 1.05)), trained)
    if background == picture.background:
        return False
    picture.background = background
    panel.axes.set_xlim(0, background[0])
    panel.axes.set_ylim(0, background[1])
    return True


def _draw(figure: Figure, model: nn.Module, image: torch.Tensor, label: int | None, layer: str,
          history: dict | None = None) -> Figure:
    """Draw the picture of ``model`` on one ``image (1, 8, 8)`` at ``layer`` into ``figure``."""
    _update(_build(figure, model, layer, history is not None), model, image, label, history)
    return figure


def feature_map_figure(model: nn.Module | None = None, digit_index: int = 0, layer: str | None = None,
                       split: str = "test") -> Figure:
    """The picture for one digit of ``split`` and one layer of ``model``, as a Matplotlib figure.

    ``model`` defaults to the reference network trained on the digits
    (:func:`~gradschool.reference.torch_cnn.trained_digit_classifier`, a few seconds the first
    time); ``layer`` to its first layer with maps (see :func:`feature_layers`).
    """
    model = model if model is not None else trained_digit_classifier()
    names = feature_layers(model)
    layer = layer if layer is not None else names[0]
    if layer not in names:
        raise ValueError(f"layer must be one of {names}, got {layer!r}")
    X, y = digit_tensors(split)
    return _draw(new_figure(9.0, 3.8), model, X[digit_index], int(y[digit_index]), layer)


# --------------------------------------------------------------------------- training it here


class FeatureTrainer:
    """A copy of a model trained here on the digits' training split with Adam, on the CPU.

    ``model`` is copied (the original is never changed); without one a reference ``ConvNet``
    (or ``make_model()``) is built from ``seed``. ``step(n)`` takes ``n`` mini-batch steps; every
    ``RECORD_EVERY`` steps ``history`` gets the step, the mean loss of the batches since the last
    record (NaN at step 0) and the test accuracy.
    ``reset()`` goes back to the starting weights.
    """

    def __init__(self, model: nn.Module | None = None, make_model: Callable[[], nn.Module] | None = None,
                 lr: float = 3e-3, batch_size: int = 32, seed: int = 0):
        self.lr, self.batch_size, self.seed = float(lr), int(batch_size), int(seed)
        if model is None:
            with torch.random.fork_rng(devices=[]):
                torch.manual_seed(self.seed)
                model = (make_model or ConvNet)()
        self.model = copy.deepcopy(model).cpu()
        self._start = copy.deepcopy(self.model.state_dict())
        self.X_train, self.y_train = digit_tensors("train")
        self.X_test, self.y_test = digit_tensors("test")
        self.reset()

    def reset(self) -> None:
        self.model.load_state_dict(self._start)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=self.lr)
        self.generator = torch.Generator().manual_seed(self.seed)
        self._order = torch.zeros(0, dtype=torch.int64)
        self.steps = 0
        self._losses: list[float] = []  # batch losses since the last record
        self.history: dict[str, list] = {"step": [], "loss": [], "accuracy": []}
        self._record()

    def accuracy(self) -> float:
        _, logits = _probe(self.model, self.X_test)
        return float((logits.argmax(dim=1) == self.y_test).float().mean())

    def _record(self) -> None:
        self.history["step"].append(self.steps)
        self.history["loss"].append(float(np.mean(self._losses)) if self._losses else float("nan"))
        self._losses = []
        self.history["accuracy"].append(self.accuracy())

    def step(self, n: int = 1) -> None:
        self.model.train()
        for _ in range(int(n)):
            if len(self._order) == 0:
                self._order = torch.randperm(len(self.X_train), generator=self.generator)
            batch, self._order = self._order[: self.batch_size], self._order[self.batch_size:]
            self.optimizer.zero_grad()
            loss = F.cross_entropy(self.model(self.X_train[batch]), self.y_train[batch])
            loss.backward()
            self.optimizer.step()
            self.steps += 1
            self._losses.append(loss.item())
            if self.steps % RECORD_EVERY == 0:
                self._record()


# --------------------------------------------------------------------------- the widget


class FeatureMapExplorer(BrowserRedraw, PlayLoop, widgets.VBox):
    """Pick a test digit and a layer; see its feature maps, the filters behind them, and the prediction.

    ``model`` is the network to look inside (copied: training here never changes yours); without
    one, a fresh, untrained reference ``ConvNet`` (or ``make_model()``): press **Play** to train it
    in a background thread and watch the filters form (**Pause** stops within a fraction of a
    second), **Step** to train ``redraw_every`` mini-batches, **Reset** to go back to the starting
    weights. Scripts and tests call :meth:`step`, :meth:`reset`, :meth:`play_for` and :meth:`pause`.

    The picture is one figure per layer, kept while it is shown: a new digit or a training frame
    redraws only what changed over a cached background (:class:`~gradschool.widgets.live.LivePicture`),
    about 20 ms. ``redraw_every=10`` mini-batches (about 40 ms of training on a laptop core) keeps
    Play at 10 to 20 pictures a second, with most of each frame spent training.
    """

    _held = ("trainer", "_live", "_picture")  # let go when retired (gradschool.widgets.rerun)

    def __init__(self, model: nn.Module | None = None, make_model: Callable[[], nn.Module] | None = None,
                 digit_index: int = 0, layer: str | None = None, lr: float = 3e-3, batch_size: int = 32,
                 seed: int = 0, redraw_every: int = 10, interval: float = 0.05):
        self.redraw_every = max(1, int(redraw_every))
        self.interval = float(interval)
        self.trainer = FeatureTrainer(model, make_model, lr=lr, batch_size=batch_size, seed=seed)
        names = feature_layers(self.trainer.model)
        if not names:
            raise ValueError("this model has no layer that outputs maps (N, C, H, W)")
        layer = layer if layer is not None else names[0]
        if layer not in names:
            raise ValueError(f"layer must be one of {names}, got {layer!r}")
        kinds = _leaves(self.trainer.model)
        style = {"description_width": "initial"}
        self.digit = widgets.IntSlider(value=int(digit_index), min=0, max=len(self.trainer.X_test) - 1,
                                       description="test digit", style=style, continuous_update=False)
        self.layer = widgets.Dropdown(options=[(f"{n} ({type(kinds[n]).__name__})", n) for n in names], value=layer,
                                      description="layer", layout=widgets.Layout(width="260px"))
        self.play = widgets.ToggleButton(value=False, description="Play", icon="play", tooltip="train / pause")
        self.step_button = widgets.Button(description=f"Step {self.redraw_every}", icon="step-forward",
                                          tooltip=f"train {self.redraw_every} mini-batches")
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="back to the starting weights")
        self.status = widgets.Label()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.controls = {"digit": self.digit, "layer": self.layer}
        self.redraw_count = 0
        self._live: LivePicture | None = None  # one figure per layer, kept while it is shown
        self._picture: _Picture | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        for control in self.controls.values():
            control.observe(self._refresh_for, names="value")
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step(self.redraw_every))
        self.reset_button.on_click(lambda _button: self.reset())
        row = widgets.Layout(flex_flow="row wrap")
        super().__init__([
            widgets.HBox([self.digit, self.layer], layout=row),
            widgets.HBox([self.play, self.step_button, self.reset_button, self.status], layout=row),
            self.image,
        ])
        self.redraw()

    @property
    def steps(self) -> int:
        return self.trainer.steps

    def figure(self) -> Figure:
        """The current picture as a static figure (a new one, drawn whole)."""
        with self._lock:
            trainer = self.trainer
            index = self.digit.value
            return _draw(new_figure(10.5, 3.8), trainer.model, trainer.X_test[index], int(trainer.y_test[index]),
                         self.layer.value, trainer.history)

    def _live_picture(self) -> tuple[LivePicture, _Picture]:
        """The kept figure for the current layer (a new one when the layer changed) and its artists."""
        if self._picture is None or self._picture.layer != self.layer.value:
            picture = _build(new_figure(10.5, 3.8), self.trainer.model, self.layer.value, history=True)
            self._live = LivePicture(picture.figure)
            self._live.moving(*picture.moving())
            self._picture = picture
        return self._live, self._picture

    def redraw(self) -> None:
        """Update the kept figure in place: a new digit or a training frame redraws only the moving
        artists (:class:`~gradschool.widgets.live.LivePicture`); a new layer builds a new figure."""
        with self._lock:
            trainer = self.trainer
            live, picture = self._live_picture()
            index = self.digit.value
            if _update(picture, trainer.model, trainer.X_test[index], int(trainer.y_test[index]), trainer.history):
                live.invalidate()  # the training panel's axes were rescaled, or its legend shown
            self.image.value = live.png()
            self.redraw_count += 1
            self.status.value = f"step {self.steps}: test accuracy {trainer.history['accuracy'][-1]:.3f}"

    def step(self, n: int = 1) -> None:
        """Train ``n`` more mini-batches, then redraw once."""
        with self._lock:
            self.trainer.step(n)
            self.redraw()

    def reset(self) -> None:
        """Stop playing and go back to the starting weights."""
        self.pause()
        with self._lock:
            self.trainer.reset()
            self.redraw()

    # ---- play / pause
    def _run(self) -> None:
        while not self._stop.is_set():
            taken = 0
            while taken < self.redraw_every and not self._stop.is_set():
                with self._lock:
                    self.trainer.step(1)  # one mini-batch at a time: Pause is never kept waiting
                taken += 1
            if self._stop.is_set():
                break
            self.redraw()
            if self.trainer.steps >= MAX_STEPS:
                break
            self._wait_next_frame()
        if not self._stop.is_set():
            self.play.value = False  # finished by itself: calls pause(), which does not join its own thread


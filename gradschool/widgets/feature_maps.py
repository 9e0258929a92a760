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
from typing import Callable

import ipywidgets as widgets
import numpy as np
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from torch import nn

from gradschool.reference.torch_cnn import ConvNet, digit_tensors, trained_digit_classifier
from gradschool.widgets.base import BrowserRedraw, PlayLoop, figure_png, new_figure

__all__ = [
    "feature_layers",
    "layer_outputs",
    "feature_map_figure",
    "FeatureTrainer",
    "FeatureMapExplorer",
]

RECORD_EVERY = 10  # FeatureTrainer measures the test accuracy every this many steps
MAX_STEPS = 5_000  # Play stops by itself here (about 110 epochs of the digits)


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


# --------------------------------------------------------------------------- the static picture


def _draw(figure: Figure, model: nn.Module, image: torch.Tensor, label: int | None, layer: str,
          history: dict | None = None) -> Figure:
    """Draw the picture of ``model`` on one ``image (1, 8, 8)`` at ``layer`` into ``figure``."""
    outputs, logits = _probe(model, image[None])
    maps = outputs[layer][0].numpy()  # (C, H, W)
    probs = F.softmax(logits[0], dim=0).numpy()
    columns = 4 if history is not None else 3
    ratios = [1.0, 2.3, 2.3, 1.9][:columns]
    grid = figure.add_gridspec(2, columns, width_ratios=ratios, height_ratios=[1.2, 1.0])

    ax = figure.add_subplot(grid[0, 0])
    ax.imshow(image[0].numpy(), cmap="gray_r", vmin=0, vmax=1)
    predicted = int(probs.argmax())
    truth = f"a {label}; " if label is not None else ""
    ax.set_title(f"{truth}predicted {predicted} ({probs[predicted]:.0%})", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])

    ax = figure.add_subplot(grid[1, 0])
    colours = ["tab:green" if k == label else "tab:blue" for k in range(len(probs))]
    ax.bar(np.arange(len(probs)), probs, color=colours)
    ax.set_ylim(0, 1)
    ax.set_xticks(np.arange(len(probs)))
    ax.tick_params(labelsize=7)
    ax.set_title("class probabilities", fontsize=8)

    ax = figure.add_subplot(grid[:, 1])
    channels, height, width = maps.shape
    top = float(np.abs(maps).max()) or 1.0
    signed = bool((maps < 0).any())
    ax.imshow(_mosaic(maps, math.ceil(math.sqrt(channels))), cmap="RdBu_r" if signed else "magma",
              vmin=-top if signed else 0.0, vmax=top)
    kind = type(_leaves(model)[layer]).__name__
    ax.set_title(f"output of {layer} ({kind})\n{channels} maps of {height}x{width}", fontsize=9)
    ax.set_axis_off()

    ax = figure.add_subplot(grid[:, 2])
    feeding = _conv_feeding(model, layer)
    if feeding is None:
        ax.text(0.5, 0.5, "no convolution\nbefore this layer", ha="center", va="center")
    else:
        name, conv = feeding
        tiles, note = _filter_tiles(conv)
        top = float(np.abs(tiles).max()) or 1.0
        ax.imshow(_mosaic(tiles, math.ceil(math.sqrt(len(tiles)))), cmap="RdBu_r", vmin=-top, vmax=top)
        count, inputs, kh, kw = conv.weight.shape
        ax.set_title(f"filters of {name}: {count} x ({inputs} x {kh}x{kw})\n{note}", fontsize=9)
    ax.set_axis_off()

    if history is not None:
        ax = figure.add_subplot(grid[:, 3])
        steps = history["step"]
        if len(steps) > 1:
            ax.plot(steps, history["loss"], color="tab:blue", label="batch loss")
            ax.plot(steps, history["accuracy"], color="tab:green", label="test accuracy")
            ax.legend(fontsize=7, loc="center right")
        else:
            ax.text(0.5, 0.55, "not trained here yet:\npress Play or Step", ha="center", va="center", fontsize=9)
        losses = np.asarray(history["loss"], dtype=float)
        top = float(np.nanmax(losses)) if np.isfinite(losses).any() else 1.0
        ax.set_ylim(0, max(1.05, min(3.0, top * 1.05)))
        ax.set_xlabel("step (mini-batches)", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        last = history["accuracy"][-1] if history["accuracy"] else float("nan")
        ax.set_title(f"training: step {steps[-1] if steps else 0}, test acc {last:.3f}", fontsize=9)
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
    """

    _held = ("trainer",)  # let go when retired (gradschool.widgets.rerun)

    def __init__(self, model: nn.Module | None = None, make_model: Callable[[], nn.Module] | None = None,
                 digit_index: int = 0, layer: str | None = None, lr: float = 3e-3, batch_size: int = 32,
                 seed: int = 0, redraw_every: int = 20, interval: float = 0.05):
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
        """The current picture as a static figure."""
        with self._lock:
            trainer = self.trainer
            index = self.digit.value
            return _draw(new_figure(10.5, 3.8), trainer.model, trainer.X_test[index], int(trainer.y_test[index]),
                         self.layer.value, trainer.history)

    def redraw(self) -> None:
        with self._lock:
            self.image.value = figure_png(self.figure())
            self.redraw_count += 1
            history = self.trainer.history
            self.status.value = f"step {self.steps}: test accuracy {history['accuracy'][-1]:.3f}"

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


"""Chapter 5 picture: a neural-network playground, in the spirit of TensorFlow Playground.

A small multi-layer perceptron learns to classify a 2-D dataset while you watch: the left panel
shows its decision regions (the background colour is the predicted class, paler where the
network is unsure) with the training points (circles) and validation points (triangles); the
right panel shows the training and validation loss as training goes on.

* :data:`DATASETS`: the 2-D sets to choose from (``gradschool.data`` generators).
* :class:`Trainer`: the network, its optimiser and its loss history; ``step(n)`` takes ``n``
  mini-batch steps. Plain NumPy, no widget: scripts and tests use it directly.
* :func:`playground_figure`: a static picture after training a fresh network for ``steps`` steps.
* :class:`Playground`: the live widget: dataset, hidden layer sizes, activation, learning rate,
  L2 strength and optimiser, plus Play/Pause (training runs in a background thread, so the
  notebook stays free), Step and Reset.

Everything here is self-contained (the network code is the chapter's, with tanh as a second
choice of activation), so the playground works before the student has written any code. Pass
your own ``init_params``, ``sgd_step`` or ``adam_step`` from the chapter to train with them
instead. No pyplot figure is ever opened.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.text import Text

from gradschool.data import make_blobs, make_circles, make_moons, make_spirals, make_xor
from gradschool.reference import mlp
from gradschool.reference.layers import linear_backward, linear_forward, softmax_cross_entropy
from gradschool.widgets.base import BrowserRedraw, PlayLoop, new_figure
from gradschool.widgets.live import LivePicture, doubled_until

__all__ = [
    "DATASETS",
    "ACTIVATIONS",
    "OPTIMIZERS",
    "load_dataset",
    "parse_hidden",
    "Trainer",
    "playground_figure",
    "Playground",
]

# name -> (label shown in the dropdown, function returning X (n, 2), y (n,))
DATASETS: dict[str, tuple[str, Callable[[int], tuple[np.ndarray, np.ndarray]]]] = {
    "moons": ("two moons", lambda seed: make_moons(200, noise=0.15, seed=seed)),
    "circles": ("circles", lambda seed: make_circles(200, noise=0.08, factor=0.5, seed=seed)),
    "spirals": ("spirals (3 classes)", lambda seed: make_spirals(300, classes=3, noise=0.2, seed=seed)),
    "xor": ("XOR", lambda seed: make_xor(200, noise=0.1, seed=seed)),
    "blobs": ("blobs (3 classes)", lambda seed: make_blobs(200, centers=3, std=1.2, seed=seed)),
}
ACTIVATIONS = ("relu", "tanh")
OPTIMIZERS = ("adam", "sgd")
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
L2_STRENGTHS = (0.0, 0.0001, 0.001, 0.01, 0.03, 0.1)
VALIDATION_FRACTION = 0.3  # the last 30% of each dataset is held out (the rows come shuffled)
RECORD_EVERY = 5  # losses on the whole train and validation sets are recorded every 5 steps
MAX_STEPS = 20_000  # Play stops by itself here
DIVERGED_LOSS = 100.0  # a training loss above this (chance level is about 1) counts as diverged
GRID = 80  # the decision regions are evaluated on a GRID x GRID grid
HISTORY_STEPS = 50  # the loss axes' first x range; doubled whenever the curves reach its end
CLASS_COLORS = np.array([[0.12, 0.47, 0.71], [1.00, 0.50, 0.05], [0.17, 0.63, 0.17], [0.84, 0.15, 0.16]])


def load_dataset(name: str, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(X_train, y_train, X_val, y_val)`` for one of :data:`DATASETS` (70% / 30%)."""
    if name not in DATASETS:
        raise ValueError(f"dataset must be one of {sorted(DATASETS)}, got {name!r}")
    X, y = DATASETS[name][1](seed)
    cut = int(round(len(X) * (1 - VALIDATION_FRACTION)))
    return X[:cut], y[:cut], X[cut:], y[cut:]


def parse_hidden(text: str | Sequence[int]) -> tuple[int, ...]:
    """``"8, 8"`` -> ``(8, 8)``; ``""`` -> ``()`` (no hidden layer: a linear classifier).

    Raises ValueError for anything but positive integers (at most 6 layers of at most 256 units).
    """
    if isinstance(text, str):
        parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
        try:
            sizes = tuple(int(p) for p in parts)
        except ValueError:
            raise ValueError(f"hidden layer sizes must be whole numbers separated by commas, got {text!r}") from None
    else:
        sizes = tuple(int(s) for s in text)
    if any(s < 1 or s > 256 for s in sizes) or len(sizes) > 6:
        raise ValueError(f"use at most 6 hidden layers of 1 to 256 units, got {sizes}")
    return sizes


# --------------------------------------------------------------------------- the network


def _activate(z: np.ndarray, activation: str) -> np.ndarray:
    return np.maximum(z, 0.0) if activation == "relu" else np.tanh(z)


def _activation_backward(dout: np.ndarray, h: np.ndarray, activation: str) -> np.ndarray:
    """Given the layer's output ``h``: ReLU passes ``dout`` where ``h > 0``; tanh' = 1 - h**2."""
    return np.where(h > 0, dout, 0.0) if activation == "relu" else dout * (1.0 - h * h)


def network_forward(X: np.ndarray, params: list, activation: str) -> tuple[np.ndarray, list]:
    """The chapter's ``mlp_forward`` with a choice of hidden activation: ``(logits, caches)``."""
    h, caches = X, []
    for index, (W, b) in enumerate(params):
        z, linear_cache = linear_forward(h, W, b)
        h = _activate(z, activation) if index < len(params) - 1 else z
        caches.append((linear_cache, h))
    return h, caches


def network_backward(dlogits: np.ndarray, caches: list, activation: str) -> list:
    """The chapter's ``mlp_backward`` for :func:`network_forward`: ``[(dW, db), ...]``."""
    grads = [None] * len(caches)
    dout = dlogits
    for index in range(len(caches) - 1, -1, -1):
        linear_cache, h = caches[index]
        if index < len(caches) - 1:
            dout = _activation_backward(dout, h, activation)
        dout, dW, db = linear_backward(dout, linear_cache)
        grads[index] = (dW, db)
    return grads


class Trainer:
    """A network learning one 2-D dataset by mini-batch SGD or Adam, with its loss history.

    Inputs are standardised with the training set's mean and standard deviation. Each step takes
    one mini-batch of ``batch_size`` training points (a new random order every epoch). Every
    ``RECORD_EVERY`` steps the loss (mean cross-entropy, without the L2 term) on the whole
    training and validation sets is appended to ``history``.
    """

    def __init__(
        self,
        dataset: str = "moons",
        hidden: str | Sequence[int] = (8, 8),
        activation: str = "relu",
        lr: float = 0.03,
        l2: float = 0.0,
        optimizer: str = "adam",
        batch_size: int = 32,
        seed: int = 0,
        init_params: Callable | None = None,
        sgd_step: Callable | None = None,
        adam_step: Callable | None = None,
    ):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {optimizer!r}")
        self.dataset, self.hidden, self.activation = dataset, parse_hidden(hidden), activation
        self.lr, self.l2, self.optimizer = float(lr), float(l2), optimizer
        self.batch_size, self.seed = int(batch_size), int(seed)
        self._init_params = init_params or mlp.init_params
        self._sgd_step = sgd_step or mlp.sgd_step
        self._adam_step = adam_step or mlp.adam_step
        self.X_train, self.y_train, self.X_val, self.y_val = load_dataset(dataset)
        self.classes = int(max(self.y_train.max(), self.y_val.max())) + 1
        self.mean = self.X_train.mean(axis=0)
        self.std = self.X_train.std(axis=0) + 1e-12
        self.reset()

    def reset(self) -> None:
        """A fresh network (He init for ReLU, Xavier for tanh), no step taken."""
        sizes = [2, *self.hidden, self.classes]
        scheme = "he" if self.activation == "relu" else "xavier"
        self.params = self._init_params(sizes, seed=self.seed, scheme=scheme)
        self.state: dict = {}
        self.steps = 0
        self.diverged = False
        self._rng = np.random.default_rng(self.seed)
        self._order = np.zeros(0, dtype=np.int64)
        self.history: dict[str, list] = {"step": [], "train": [], "val": []}
        self._record()

    def set_optimizer(self, optimizer: str) -> None:
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {optimizer!r}")
        if optimizer != self.optimizer:
            self.optimizer, self.state = optimizer, {}

    # ---- predictions
    def _standardise(self, X: np.ndarray) -> np.ndarray:
        return (np.asarray(X, dtype=np.float64) - self.mean) / self.std

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        """(N, C) softmax probabilities for raw (unstandardised) points ``X (N, 2)``."""
        with np.errstate(all="ignore"):
            logits, _ = network_forward(self._standardise(X), self.params, self.activation)
            logits = logits - logits.max(axis=1, keepdims=True)
            e = np.exp(logits)
            return e / e.sum(axis=1, keepdims=True)

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        with np.errstate(all="ignore"):
            logits, _ = network_forward(self._standardise(X), self.params, self.activation)
            if not np.all(np.isfinite(logits)):
                return float("nan")
            return softmax_cross_entropy(logits, y)[0]

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        return float(np.mean(self.probabilities(X).argmax(axis=1) == y))

    def _record(self) -> None:
        train, val = self.loss(self.X_train, self.y_train), self.loss(self.X_val, self.y_val)
        self.history["step"].append(self.steps)
        self.history["train"].append(train)
        self.history["val"].append(val)
        if not (np.isfinite(train) and train < DIVERGED_LOSS):
            self.diverged = True

    # ---- training
    def _next_batch(self) -> np.ndarray:
        if len(self._order) == 0:
            self._order = self._rng.permutation(len(self.X_train))
        batch, self._order = self._order[: self.batch_size], self._order[self.batch_size:]
        return batch

    def step(self, n: int = 1) -> None:
        """Take ``n`` mini-batch steps (none once training has diverged: loss NaN, inf or above 100)."""
        for _ in range(int(n)):
            if self.diverged:
                return
            batch = self._next_batch()
            with np.errstate(all="ignore"):
                logits, caches = network_forward(self._standardise(self.X_train[batch]), self.params, self.activation)
                _, dlogits = softmax_cross_entropy(logits, self.y_train[batch])
                grads = network_backward(dlogits, caches, self.activation)
                grads = [(dW + self.l2 * W, db) for (dW, db), (W, _) in zip(grads, self.params)]
                if self.optimizer == "adam":
                    self.params = self._adam_step(self.params, grads, self.state, lr=self.lr)
                else:
                    self.params = self._sgd_step(self.params, grads, self.lr)
            self.steps += 1
            if self.steps % RECORD_EVERY == 0:
                self._record()

    # ---- picture
    def draw(self, figure: Figure | None = None) -> Figure:
        """Decision regions with the points (left) and the loss curves (right)."""
        picture = self.picture(figure if figure is not None else new_figure(9.0, 3.9))
        picture.update()
        return picture.figure

    def picture(self, figure: Figure) -> _Picture:
        """Lay out this trainer's picture in ``figure``: axes, points, titles, and empty regions and
        curves, which :meth:`_Picture.update` fills in (again on every frame of a kept figure)."""
        figure.set_layout_engine("none")  # fixed margins: drawing once, not twice, keeps Play smooth
        regions, curves = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25], "left": 0.01, "right": 0.985,
                                                             "bottom": 0.13, "top": 0.92, "wspace": 0.17})
        return _Picture(self, figure, *self._build_regions(regions), *self._build_curves(curves))

    def _extent(self) -> tuple[float, float, float, float]:
        X = np.concatenate([self.X_train, self.X_val])
        low, high = X.min(axis=0), X.max(axis=0)
        pad = 0.1 * (high - low) + 0.1
        return low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1]

    def _build_regions(self, ax: Axes) -> tuple[np.ndarray, AxesImage, list[Artist]]:
        """The grid of points ``(GRID * GRID, 2)`` the regions are evaluated on, their image, and
        what is drawn over it (the points, the legend, the frame)."""
        x0, x1, y0, y1 = self._extent()
        gx, gy = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
        image = ax.imshow(np.zeros((GRID, GRID, 3)), origin="lower", extent=(x0, x1, y0, y1), aspect="auto",
                          interpolation="bilinear")
        colors = CLASS_COLORS[: self.classes]
        train = ax.scatter(*self.X_train.T, c=colors[self.y_train], s=16, edgecolors="black", linewidths=0.5,
                           label="train")
        val = ax.scatter(*self.X_val.T, c=colors[self.y_val], s=22, marker="^", edgecolors="white", linewidths=0.6,
                         label="validation")
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xticks([])
        ax.set_yticks([])
        hidden = ", ".join(str(h) for h in self.hidden) or "none"
        ax.set_title(f"{DATASETS[self.dataset][0]}; hidden [{hidden}], {self.activation}", fontsize=9)
        legend = ax.legend(loc="lower right", fontsize=7, framealpha=0.8)
        return np.stack([gx.ravel(), gy.ravel()], axis=1), image, [train, val, legend, *ax.spines.values()]

    def _build_curves(self, ax: Axes) -> tuple[Axes, Line2D, Line2D, Text]:
        """The loss axes, its two curves (empty) and its title."""
        train = ax.plot([], [], color="tab:blue", label="train loss")[0]
        val = ax.plot([], [], color="tab:red", linestyle="--", label="validation loss")[0]
        ax.set_xlabel("step (mini-batches)")
        ax.set_ylabel("cross-entropy")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper right")
        return ax, train, val, ax.set_title("", fontsize=9)

    def _region_colors(self, grid: np.ndarray) -> np.ndarray:
        """``(GRID, GRID, 3)`` colours: each class's colour weighted by its probability, paler where unsure."""
        probs = self.probabilities(grid)
        if not np.all(np.isfinite(probs)):
            return np.full((GRID, GRID, 3), 0.85)
        mixed = probs @ CLASS_COLORS[: self.classes]  # (G*G, 3)
        confidence = (probs.max(axis=1) - 1.0 / self.classes) / (1.0 - 1.0 / self.classes)
        strength = 0.25 + 0.45 * confidence[:, None]
        return ((1 - strength) + strength * mixed).reshape(GRID, GRID, 3)

    def _status(self) -> str:
        if self.diverged:
            status = "diverged (the loss blew up): lower the learning rate"
        else:
            status = (f"step {self.steps}: train acc {self.accuracy(self.X_train, self.y_train):.2f}, "
                      f"val acc {self.accuracy(self.X_val, self.y_val):.2f}")
        return f"{self.optimizer}, lr {self.lr:g}, L2 {self.l2:g}; {status}"


@dataclass
class _Picture:
    """A figure of one :class:`Trainer` and the artists that change as it trains (set by :meth:`update`)."""

    trainer: Trainer
    figure: Figure
    grid: np.ndarray  # (GRID * GRID, 2) points where the regions are evaluated
    regions: AxesImage  # (GRID, GRID, 3) colours
    over_regions: list[Artist]  # points, legend and frame: drawn over the regions, so redrawn with them
    curves: Axes
    train: Line2D
    val: Line2D
    status: Text  # optimiser, settings, step and accuracies
    limits: tuple = ()  # the loss axes' limits (they change rarely: a full redraw then)

    def moving(self) -> list[Artist]:
        """What changes from frame to frame (drawn over a cached background by a LivePicture)."""
        return [self.regions, *self.over_regions, self.train, self.val, self.status, *self.curves.spines.values()]

    def update(self) -> bool:
        """Show the trainer's current network and history. Returns True when the loss axes' limits
        changed too (they are not in :meth:`moving`: a cached background is then out of date)."""
        trainer = self.trainer
        self.regions.set_data(trainer._region_colors(self.grid))
        steps = np.asarray(trainer.history["step"])
        train = np.asarray(trainer.history["train"], dtype=float)
        val = np.asarray(trainer.history["val"], dtype=float)
        self.train.set_data(steps, train)
        self.val.set_data(steps, val)
        self.status.set_text(trainer._status())

        # Room to the right, doubled when the curves reach it: the axes change a few times per run.
        right = doubled_until(HISTORY_STEPS, trainer.steps)
        finite = np.concatenate([train[np.isfinite(train)], val[np.isfinite(val)]])
        top = max(1.0, float(np.max(finite))) if finite.size else 1.0
        limits = (right, min(top * 1.05, 5.0))
        if limits == self.limits:
            return False
        self.limits = limits
        self.curves.set_xlim(0, limits[0])
        self.curves.set_ylim(0, limits[1])
        return True


def playground_figure(
    dataset: str = "moons",
    hidden: str | Sequence[int] = (8, 8),
    activation: str = "relu",
    lr: float = 0.03,
    l2: float = 0.0,
    optimizer: str = "adam",
    steps: int = 500,
    batch_size: int = 32,
    seed: int = 0,
    **functions: Callable,
) -> Figure:
    """A fresh network trained for ``steps`` mini-batch steps: decision regions and loss curves.

    ``functions`` may pass your own ``init_params``, ``sgd_step`` or ``adam_step``.
    """
    trainer = Trainer(dataset, hidden, activation, lr, l2, optimizer, batch_size, seed, **functions)
    trainer.step(steps)
    return trainer.draw()


def _option(value: float) -> tuple[str, float]:
    return (f"{value:g}", value)


class Playground(BrowserRedraw, PlayLoop, widgets.VBox):
    """Train a small network on a 2-D dataset and watch it learn.

    Changing the dataset, the hidden layer sizes (type ``8, 8`` and press Enter; leave it empty
    for no hidden layer) or the activation starts a fresh network. The learning rate, the L2
    strength and the optimiser apply from the next step on (switching optimiser clears Adam's
    state). ``Play`` trains in a background thread (the notebook stays free; ``Pause`` stops it
    within a fraction of a second) and redraws every ``redraw_every`` steps; ``Step`` takes
    ``redraw_every`` steps; ``Reset`` starts again from a fresh network. Scripts and tests call
    :meth:`step`, :meth:`reset`, :meth:`play_for` and :meth:`pause`.
    """

    _held = ("_live", "_picture")  # a retired playground lets go of its figure (gradschool.widgets.rerun)

    def __init__(
        self,
        dataset: str = "moons",
        hidden: str | Sequence[int] = "8, 8",
        activation: str = "relu",
        lr: float = 0.03,
        l2: float = 0.0,
        optimizer: str = "adam",
        batch_size: int = 32,
        seed: int = 0,
        redraw_every: int = 25,
        interval: float = 0.05,
        init_params: Callable | None = None,
        sgd_step: Callable | None = None,
        adam_step: Callable | None = None,
    ):
        self.redraw_every = max(1, int(redraw_every))
        self.interval = float(interval)
        self._functions = {k: v for k, v in
                           {"init_params": init_params, "sgd_step": sgd_step, "adam_step": adam_step}.items() if v}
        self._batch_size, self._seed = int(batch_size), int(seed)
        style = {"description_width": "initial"}
        hidden_text = hidden if isinstance(hidden, str) else ", ".join(str(h) for h in hidden)
        self._hidden_sizes = parse_hidden(hidden_text)
        self.dataset = widgets.Dropdown(options=[(label, name) for name, (label, _) in DATASETS.items()],
                                        value=dataset, description="data")
        self.hidden = widgets.Text(value=hidden_text, description="hidden layers", placeholder="e.g. 8, 8",
                                   continuous_update=False, style=style, layout=widgets.Layout(width="200px"))
        self.activation = widgets.Dropdown(options=list(ACTIVATIONS), value=activation, description="activation",
                                           style=style, layout=widgets.Layout(width="180px"))
        self.lr = widgets.Dropdown(options=[_option(v) for v in sorted({*LEARNING_RATES, float(lr)})],
                                   value=float(lr), description="learning rate", style=style,
                                   layout=widgets.Layout(width="190px"))
        self.l2 = widgets.Dropdown(options=[_option(v) for v in sorted({*L2_STRENGTHS, float(l2)})],
                                   value=float(l2), description="L2", layout=widgets.Layout(width="160px"))
        self.optimizer = widgets.Dropdown(options=list(OPTIMIZERS), value=optimizer, description="optimiser",
                                          style=style, layout=widgets.Layout(width="170px"))
        self.play = widgets.ToggleButton(value=False, description="Play", icon="play", tooltip="Play / Pause")
        self.step_button = widgets.Button(description=f"Step {self.redraw_every}", icon="step-forward",
                                          tooltip=f"train {self.redraw_every} mini-batch steps")
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="a fresh network")
        self.status = widgets.Label()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.controls = {"dataset": self.dataset, "hidden": self.hidden, "activation": self.activation,
                         "lr": self.lr, "l2": self.l2, "optimizer": self.optimizer}
        self.redraw_count = 0
        self._live: LivePicture | None = None  # one figure per network, kept while it trains
        self._picture: _Picture | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.trainer = self._new_trainer()
        for name in ("dataset", "hidden", "activation"):
            self.controls[name].observe(self._on_structure_change, names="value")
        for name in ("lr", "l2", "optimizer"):
            self.controls[name].observe(self._on_setting_change, names="value")
        self.play.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step(self.redraw_every))
        self.reset_button.on_click(lambda _button: self.reset())
        row = widgets.Layout(flex_flow="row wrap")
        super().__init__([
            widgets.HBox([self.dataset, self.hidden, self.activation], layout=row),
            widgets.HBox([self.lr, self.l2, self.optimizer], layout=row),
            widgets.HBox([self.play, self.step_button, self.reset_button, self.status], layout=row),
            self.image,
        ])
        self.redraw()

    # ---- state
    def _new_trainer(self) -> Trainer:
        return Trainer(self.dataset.value, self._hidden_sizes, self.activation.value, self.lr.value,
                       self.l2.value, self.optimizer.value, self._batch_size, self._seed, **self._functions)

    @property
    def steps(self) -> int:
        return self.trainer.steps

    def _on_structure_change(self, change: dict) -> None:
        if change["owner"] is self.hidden:
            try:
                sizes = parse_hidden(change["new"])
            except ValueError as error:
                self.status.value = f"{error}; still training hidden layers {list(self._hidden_sizes)}"
                return
            self._hidden_sizes = sizes
        self.reset()

    def _on_setting_change(self, change: dict) -> None:
        with self._lock:
            self.trainer.lr, self.trainer.l2 = float(self.lr.value), float(self.l2.value)
            self.trainer.set_optimizer(self.optimizer.value)
        self._refresh_for(change)

    def step(self, n: int = 1) -> None:
        """Train ``n`` more mini-batch steps, then redraw once."""
        with self._lock:
            self.trainer.step(n)
            self.redraw()

    def reset(self) -> None:
        """Stop playing; a fresh network with the current settings, no step taken."""
        self.pause()
        with self._lock:
            self.trainer = self._new_trainer()
            self.redraw()

    def redraw(self) -> None:
        with self._lock:
            if self._picture is None or self._picture.trainer is not self.trainer:  # a new network
                self._picture = self.trainer.picture(new_figure(9.0, 3.9))
                self._live = LivePicture(self._picture.figure)
                self._live.moving(*self._picture.moving())
            if self._picture.update():
                self._live.invalidate()  # the loss axes were rescaled
            self.image.value = self._live.png()
            self.redraw_count += 1
            trainer = self.trainer
            if trainer.diverged:
                self.status.value = f"step {trainer.steps}: diverged, lower the learning rate and Reset"
            else:
                self.status.value = (f"step {trainer.steps}: train loss {trainer.history['train'][-1]:.3f}, "
                                     f"validation loss {trainer.history['val'][-1]:.3f}")

    # ---- play / pause
    def _run(self) -> None:
        chunk = max(1, self.redraw_every // 5)
        while not self._stop.is_set():
            taken = 0
            while taken < self.redraw_every and not self._stop.is_set():
                with self._lock:
                    self.trainer.step(min(chunk, self.redraw_every - taken))
                taken += chunk
            if self._stop.is_set():
                break
            self.redraw()
            if self.trainer.diverged or self.trainer.steps >= MAX_STEPS:
                break
            self._wait_next_frame()
        if not self._stop.is_set():
            self.play.value = False  # finished by itself: calls pause(), which does not join its own thread


"""What every widget of the course promises, checked on each one the same way (issue 6).

* Its display carries an ``image/png`` of its current state (an exported HTML notebook, a
  feedback report or a reader without a kernel still sees it), and the picture follows the state.
* After 100 updates and 10 re-runs of its cell, no pyplot figure and no thread is left behind.
* A widget that trains stops when paused: its thread ends, and neither training nor the picture
  goes on.

The figures behind the goals (memory grows by at most 5 MiB after those 100 updates and 10
re-runs; Pause stops within 300 ms) are measured by ``benchmarks/widget_resources.py``, which
uses :func:`measure_leaks` and :func:`stop_latencies` from here: speed and memory are benchmarks'
business, not tests' (they vary with the machine's load).
"""

from __future__ import annotations

import base64
import gc
import json
import os
import subprocess
import threading
import time
import ctypes
import sys
from pathlib import Path
from typing import Any, Callable

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

MiB = 1024 * 1024
REPO = Path(__file__).resolve().parents[1]
WARM_UP = 50  # updates before memory is measured (in a fresh process torch and Matplotlib caches fill over the first ~50)


pytestmark = pytest.mark.usefixtures("one_thread")  # tests/conftest.py


# --------------------------------------------------------------------------- every widget, small


def _text_inputs() -> dict:
    from gradschool.reference import char_rnn as ref

    text = ("def add(a, b):\n    return a + b\n\n\nclass Point:\n    def __init__(self, x, y):\n"
            "        self.x = x\n        self.y = y\n\n") * 40
    corpus = ref.split_corpus(text, held_out=0.1)
    torch.manual_seed(0)
    return {"corpus": corpus, "model": ref.CharRNN(len(corpus["itos"]), 8, 16)}


class _Counter:
    """A ``step_fn`` for TrainingMonitor that takes ``delay`` seconds, like a small epoch."""

    def __init__(self, delay: float = 0.02):
        self.delay, self.calls = delay, 0

    def step(self) -> dict:
        time.sleep(self.delay)
        self.calls += 1
        return {"train loss": 1.0 / self.calls, "test accuracy": 1.0 - 0.5 / self.calls}

    def reset(self) -> None:
        self.calls = 0


def _make(name: str, inputs: dict) -> Any:
    """A fresh widget ``name`` (what one run of its notebook cell makes)."""
    if name == "NeuronExplorer":
        from gradschool.widgets.neuron import NeuronExplorer
        return NeuronExplorer()
    if name == "PerceptronExplorer":
        from gradschool.widgets.neuron import PerceptronExplorer
        return PerceptronExplorer(gate="xor", max_epochs=10_000, interval=0.02)
    if name == "ActivationExplorer":
        from gradschool.widgets.activations import ActivationExplorer
        return ActivationExplorer()
    if name == "DescentExplorer":
        from gradschool.widgets.descent import DescentExplorer
        return DescentExplorer(surface="valley", lr=0.001, steps=0, interval=0.02)
    if name == "GraphExplorer":
        from gradschool.widgets.graph import GraphExplorer
        return GraphExplorer("neuron")
    if name == "Playground":
        from gradschool.widgets.playground import Playground
        return Playground(redraw_every=5)
    if name == "ConvolutionStepper":
        from gradschool.widgets.convolution import ConvolutionStepper
        return ConvolutionStepper(interval=0.02)
    if name == "UnrolledRNNExplorer":
        from gradschool.widgets.unrolled import UnrolledRNNExplorer
        return UnrolledRNNExplorer(length=6)
    if name == "GanLab":
        from gradschool.widgets.gan_lab import GanLab
        return GanLab(redraw_every=10)
    if name == "TrainingMonitor":
        from gradschool.widgets.training import TrainingMonitor
        run = _Counter()
        return TrainingMonitor(run.step, run.reset, max_steps=100_000)
    if name == "FeatureMapExplorer":
        from gradschool.widgets.feature_maps import FeatureMapExplorer
        return FeatureMapExplorer(redraw_every=5)
    if name == "TextSampler":
        from gradschool.widgets.text_sampler import TextSampler
        c = inputs["text"]["corpus"]
        return TextSampler(inputs["text"]["model"], c["stoi"], c["itos"], length=40)
    if name == "TrainingView":
        from gradschool.widgets.text_sampler import TrainingView
        c = inputs["text"]["corpus"]
        return TrainingView(c["train_ids"], c["test_ids"], c["stoi"], c["itos"], embed_dim=4, hidden_dim=16,
                            batch_size=4, seq_len=16, eval_chars=200, device="cpu")
    if name == "DigitGanExplorer":
        from gradschool.reference import torch_gan as ref
        from gradschool.widgets.digit_gan import DigitGanExplorer
        return DigitGanExplorer(ref.GanTrainer(device="cpu", batch_size=32, n_fixed=16, seed=0), redraw_every=2)
    raise KeyError(name)


WIDGETS = ["NeuronExplorer", "PerceptronExplorer", "ActivationExplorer", "DescentExplorer", "GraphExplorer",
           "Playground", "ConvolutionStepper", "UnrolledRNNExplorer", "GanLab", "TrainingMonitor",
           "FeatureMapExplorer", "TextSampler", "TrainingView", "DigitGanExplorer"]
PLAYABLE = [name for name in WIDGETS if name not in
            ("NeuronExplorer", "ActivationExplorer", "GraphExplorer", "UnrolledRNNExplorer", "TextSampler")]


@pytest.fixture(scope="module")
def inputs() -> dict:
    return {"text": _text_inputs()}


def _controls(widget: Any) -> list[Any]:
    """The value controls (sliders, dropdowns) inside ``widget`` that are enabled."""
    found, stack, seen = [], [widget], set()
    while stack:
        w = stack.pop(0)
        if id(w) in seen:
            continue
        seen.add(id(w))
        children = getattr(w, "children", None)
        if children is not None:
            stack.extend(children)
        elif hasattr(w, "value") and hasattr(w, "description") and not getattr(w, "disabled", False) \
                and type(w).__name__ in ("FloatSlider", "IntSlider", "FloatLogSlider", "Dropdown"):
            found.append(w)
    return found


def _updater(widget: Any) -> Callable[[int], None]:
    """One update per call: a Step button pressed, else a slider nudged back and forth, else a
    dropdown switched back and forth."""
    steps = [b for b in _buttons(widget) if b.description.startswith("Step")]
    if steps:
        return lambda _i: steps[0].click()
    sliders = [c for c in _controls(widget) if "Slider" in type(c).__name__]
    # What a student moves most: a value, not the shape of the picture (the number of time steps).
    sliders = [c for c in sliders if c.description != "length T"] or sliders
    if sliders:
        control = sliders[0]
        start = control.value
        if type(control).__name__ == "FloatLogSlider":
            other = start * control.base ** control.step
            other = other if other <= control.base ** control.max else start / control.base ** control.step
        else:
            other = start + control.step if start + control.step <= control.max else start - control.step

        def nudge(i: int) -> None:
            control.value = other if i % 2 == 0 else start
        return nudge
    dropdowns = [c for c in _controls(widget) if type(c).__name__ == "Dropdown"]
    control = dropdowns[0]
    values = [o[1] if isinstance(o, tuple) else o for o in control.options]
    first, second = control.value, next(v for v in values if v != control.value)
    return lambda i: setattr(control, "value", second if i % 2 == 0 else first)


def _buttons(widget: Any) -> list[Any]:
    found, stack = [], [widget]
    while stack:
        w = stack.pop(0)
        children = getattr(w, "children", None)
        if children is not None:
            stack.extend(children)
        elif type(w).__name__ == "Button":
            found.append(w)
    return found


def _png_of_display(widget: Any) -> bytes:
    bundle = widget._repr_mimebundle_()
    assert "image/png" in bundle, f"{type(widget).__name__}'s display carries no image/png"
    assert "application/vnd.jupyter.widget-view+json" in bundle, "the live view is gone from the display"
    return base64.b64decode(bundle["image/png"])


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("name", WIDGETS)
def test_display_carries_the_current_picture(name, inputs):
    widget = _make(name, inputs)
    first = _png_of_display(widget)
    assert first.startswith(b"\x89PNG") and first == bytes(widget.image.value)
    update = _updater(widget)
    update(0)
    update(1)
    update(2)
    now = _png_of_display(widget)
    assert now == bytes(widget.image.value), "the display's image/png is not the widget's current picture"
    assert now != first, f"{name}: three updates did not change the picture"


def _resident() -> int:
    """Resident memory of this process in bytes, after returning freed memory to the system."""
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except OSError:
            pass
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4096
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _threads() -> set[int]:
    return {t.ident for t in threading.enumerate()}



def measure_leaks(name: str, inputs: dict | None = None, warm_up: int = WARM_UP) -> dict:
    """Open figures, threads left and resident-memory growth after 100 updates and 10 re-runs of
    widget ``name``, in this process. For memory figures it should be a fresh one
    (``benchmarks/widget_resources.py`` runs it so); ``warm_up=0`` when only figures and threads count."""
    inputs = inputs or {"text": _text_inputs()}
    if warm_up:
        # The first hundred or so redraws in a process grow its memory by 10-20 MiB (Matplotlib's
        # and FreeType's caches, malloc's arenas), then it stays flat: pay that before measuring.
        from gradschool.widgets.neuron import NeuronExplorer

        warm = _updater(NeuronExplorer())
        for i in range(60):
            warm(i)
    plt.close("all")
    figures, threads = len(plt.get_fignums()), _threads()
    from types import SimpleNamespace

    from gradschool.widgets import rerun

    def run_cell(make: Callable[[], Any]) -> Any:
        """``make()`` as one run of the widget's cell, shown as its output (as IPython drives it)."""
        rerun._pre_run_cell(SimpleNamespace(cell_id="the widget's cell"))
        widget = make()
        widget._repr_mimebundle_()
        rerun._post_run_cell(SimpleNamespace(info=SimpleNamespace(cell_id="the widget's cell")))
        return widget

    # IPython's Out history may keep every widget a cell showed: so does this (a re-run closes the
    # widget it replaces, which leaves ipywidgets' registry, and lets go of its trainer).
    kept = []
    # Warm up: imports, Matplotlib's bounded caches (fonts, text metrics), torch's allocator.
    kept.append(run_cell(lambda: _make(name, inputs)))
    update = _updater(kept[-1])
    for i in range(warm_up):
        update(i)
    before = _resident()
    for i in range(100):
        update(i)
    after_updates = _resident()
    for _ in range(10):
        widget = run_cell(lambda: _make(name, inputs))
        kept.append(widget)
        if name in PLAYABLE:  # a run that trains a little, then is paused
            widget.play.value = True
            time.sleep(0.05)
            widget.play.value = False
        _updater(widget)(0)
    after_reruns = _resident()
    time.sleep(0.05)
    left = _threads() - threads
    return {
        "figures_left": len(plt.get_fignums()) - figures,
        "threads_left": [t.name for t in threading.enumerate() if t.ident in left],
        "updates": (after_updates - before) / MiB,
        "reruns": (after_reruns - after_updates) / MiB,
    }


def measure_in_fresh_process(name: str) -> dict:
    """``measure_leaks`` in a new Python: in a process that already ran other work, that work's
    heap mixes with this widget's. One malloc arena, so that the threads a re-run starts do not
    each open an arena of their own (bounded, but a few MiB of noise)."""
    code = f"import json; from tests.test_widget_requirements import measure_leaks; print(json.dumps(measure_leaks({name!r})))"
    env = {**os.environ, "MALLOC_ARENA_MAX": "1", "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"measuring {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def stop_latencies(widget: Any, repeats: int = 3, play_seconds: float = 0.4) -> list[float]:
    """Seconds from Pause to the training thread's end, ``repeats`` times after playing a while.
    Also checks that Pause really stops: the thread ends and the picture stays as it is."""
    name = type(widget).__name__
    latencies = []
    for _ in range(repeats):
        widget.play.value = True
        assert widget.playing, f"{name}: Play did not start training"
        time.sleep(play_seconds)
        start = time.perf_counter()
        widget.play.value = False
        thread = widget._thread
        if thread is not None:
            thread.join(10)
        latencies.append(time.perf_counter() - start)
        assert not widget.playing and widget.play.description == "Play", f"{name}: still playing after Pause"
        state = bytes(widget.image.value)
        time.sleep(0.1)
        assert bytes(widget.image.value) == state, f"{name}: the picture changed after Pause"
    return latencies


@pytest.mark.parametrize("name", WIDGETS)
def test_no_figure_or_thread_left_after_100_updates_and_10_reruns(name, inputs):
    found = measure_leaks(name, inputs, warm_up=0)
    assert found["figures_left"] == 0, f"{name} left pyplot figures open"
    assert not found["threads_left"], f"{name} left threads running: {found['threads_left']}"


@pytest.mark.parametrize("name", PLAYABLE)
def test_pause_stops_training_and_the_picture(name, inputs):
    stop_latencies(_make(name, inputs), repeats=2, play_seconds=0.3)

"""Chapter 11 widgets and reference character model: every control redraws, Play/Pause is prompt."""

from __future__ import annotations

import base64
import math
import threading
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure is ever opened)
import numpy as np  # noqa: E402
import pytest  # noqa: E402

torch = pytest.importorskip("torch")
from matplotlib.figure import Figure  # noqa: E402

from gradschool.widgets.base import figure_png, new_figure  # noqa: E402
from torch import nn  # noqa: E402

from gradschool.reference import char_rnn as ref  # noqa: E402
from gradschool.widgets.text_sampler import (  # noqa: E402
    CharTrainer,
    TextSampler,
    TrainingView,
    next_char_probabilities,
    printable,
    sampler_figure,
    training_figure,
    _TrainingPicture,
)
from playing import check_play_pause_play  # noqa: E402
from tests.pictures import pixels as _pixels  # noqa: E402

TEXT = (
    "def add(a, b):\n    return a + b\n\n\nclass Point:\n    def __init__(self, x, y):\n"
    "        self.x = x\n        self.y = y\n\n"
) * 40


pytestmark = pytest.mark.usefixtures("one_thread")  # tests/conftest.py


@pytest.fixture(scope="module")
def corpus():
    return ref.split_corpus(TEXT, held_out=0.1)


@pytest.fixture(scope="module")
def tiny_model(corpus):
    torch.manual_seed(0)
    return ref.CharRNN(len(corpus["itos"]), 8, 16)


def png(widget) -> bytes:
    return bytes(widget.image.value)


# --------------------------------------------------------------------------- the reference model


def test_vocab_round_trip(corpus):
    stoi, itos = corpus["stoi"], corpus["itos"]
    assert itos == sorted(set(TEXT)) and all(itos[stoi[c]] == c for c in itos)
    assert ref.decode(ref.encode("def add", stoi), itos) == "def add"
    assert len(corpus["train_ids"]) + len(corpus["test_ids"]) == len(TEXT)
    with pytest.raises(ValueError):
        ref.split_corpus(TEXT, held_out=1.5)


def test_unroll_rnn_matches_nn_rnn():
    torch.manual_seed(1)
    for nonlinearity in ("tanh", "relu"):
        cell = nn.RNNCell(3, 4, nonlinearity=nonlinearity).double()
        layer = nn.RNN(3, 4, nonlinearity=nonlinearity, batch_first=True).double()
        with torch.no_grad():
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(layer, name + "_l0").copy_(getattr(cell, name))
        x, h0 = torch.randn(2, 6, 3, dtype=torch.float64), torch.randn(2, 4, dtype=torch.float64)
        np.testing.assert_allclose(ref.unroll_rnn(cell, x, h0).detach(), layer(x, h0[None])[0].detach(), rtol=1e-12)


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn"])
def test_char_rnn_shapes_and_continuation(cell):
    torch.manual_seed(2)
    model = ref.seed_weights(ref.CharRNN(9, 4, 6, num_layers=2, cell=cell), seed=3)
    x = torch.randint(0, 9, (3, 7))
    logits, state = model(x)
    assert logits.shape == (3, 7, 9)
    states = state if isinstance(state, tuple) else (state,)
    assert len(states) == (2 if cell == "lstm" else 1) and all(s.shape == (2, 3, 6) for s in states)
    first, middle = model(x[:, :3])
    second, _ = model(x[:, 3:], middle)
    np.testing.assert_allclose(torch.cat([first, second], dim=1).detach(), logits.detach(), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError):
        ref.CharRNN(9, 4, 6, cell="transformer")


def test_seed_weights_ignores_construction_order():
    class Reordered(nn.Module):
        def __init__(self):
            super().__init__()
            self.out = nn.Linear(6, 9)
            self.rec = nn.GRU(4, 6, batch_first=True)
            self.emb = nn.Embedding(9, 4)

        def forward(self, x, state=None):
            output, state = self.rec(self.emb(x), state)
            return self.out(output), state

    x = torch.randint(0, 9, (2, 5))
    a = ref.seed_weights(Reordered(), seed=4)(x)[0]
    b = ref.seed_weights(ref.CharRNN(9, 4, 6, cell="gru"), seed=4)(x)[0]
    np.testing.assert_allclose(a.detach(), b.detach(), rtol=1e-6)
    with pytest.raises(ValueError):
        ref.seed_weights(nn.Sequential(nn.Embedding(3, 2), nn.Linear(2, 3)))


def test_sample_is_reproducible_and_follows_the_temperature(corpus, tiny_model):
    stoi, itos = corpus["stoi"], corpus["itos"]
    one = ref.sample(tiny_model, stoi, itos, "def ", 30, generator=torch.Generator().manual_seed(5))
    two = ref.sample(tiny_model, stoi, itos, "def ", 30, generator=torch.Generator().manual_seed(5))
    assert one == two and one.startswith("def ") and len(one) == 34
    assert ref.sample(tiny_model, stoi, itos, "d", 0) == "d"
    greedy, text = "def ", "def "
    with torch.no_grad():
        for _ in range(10):
            greedy += itos[int(tiny_model(ref.encode(greedy, stoi)[None])[0][0, -1].argmax())]
    text = ref.sample(tiny_model, stoi, itos, "def ", 10, temperature=1e-4, generator=torch.Generator().manual_seed(0))
    assert text == greedy
    with pytest.raises(ValueError):
        ref.sample(tiny_model, stoi, itos, "", 5)


def test_bits_per_char_and_bigram(corpus):
    V = len(corpus["itos"])
    train, test = corpus["train_ids"], corpus["test_ids"]
    counts = np.zeros((V, V))
    np.add.at(counts, (train[:-1].numpy(), train[1:].numpy()), 1)
    probs = (counts + 1) / (counts.sum(1, keepdims=True) + V)
    want = -np.mean(np.log2(probs[test[:-1].numpy(), test[1:].numpy()]))
    assert ref.bigram_bits_per_char(train, test, V) == pytest.approx(want, rel=1e-12)

    torch.manual_seed(0)
    model = ref.CharRNN(V, 4, 8)
    with torch.no_grad():
        logits, _ = model(test[:-1][None])
        direct = torch.nn.functional.cross_entropy(logits[0], test[1:]).item() / math.log(2)
    assert ref.bits_per_char(model, test, chunk=7) == pytest.approx(direct, rel=1e-5)


def test_tbptt_learns_beats_bigram_and_detach_matters(corpus):
    V = len(corpus["itos"])
    torch.manual_seed(0)
    model = ref.CharRNN(V, 8, 32)
    history = ref.train_char_rnn(model, corpus["train_ids"], steps=120, batch_size=8, seq_len=16, lr=1e-2, device="cpu")
    assert len(history["bpc"]) == 120 and len(history["grad_norm"]) == 120
    assert np.mean(history["bpc"][-10:]) < np.mean(history["bpc"][:10]) - 1.0
    bigram = ref.bigram_bits_per_char(corpus["train_ids"], corpus["test_ids"], V)
    assert ref.bits_per_char(model, corpus["test_ids"]) < bigram

    trainer = ref.TBPTTTrainer(ref.CharRNN(V, 4, 8), corpus["train_ids"], 4, 8, device="cpu", detach=False)
    trainer.step(1)
    with pytest.raises(RuntimeError):
        trainer.step(1)  # backward through the previous chunk's freed graph


def test_tbptt_wraps_around_and_clips(corpus):
    V = len(corpus["itos"])
    trainer = ref.TBPTTTrainer(ref.CharRNN(V, 4, 8), corpus["train_ids"], batch_size=16, seq_len=50, max_norm=1e-3,
                               device="cpu")
    length = trainer.streams.shape[1]
    steps = length // 50 + 2
    trainer.step(steps)
    assert trainer.steps == steps and 0 < trainer.position <= length
    params = [p.grad.norm() ** 2 for p in trainer.model.parameters()]
    assert float(torch.sqrt(sum(params))) <= 1e-3 * 1.01  # clip_grad_norm_ left clipped gradients


# --------------------------------------------------------------------------- the sampler


def test_printable_and_probabilities(corpus, tiny_model):
    assert printable(" ") == "\u2423" and printable("\n") == "\\n" and printable("a") == "a"
    stoi = corpus["stoi"]
    cold = next_char_probabilities(tiny_model, stoi, "def", 0.1)
    warm = next_char_probabilities(tiny_model, stoi, "def", 10.0)
    assert cold.shape == (len(stoi),) and cold.sum() == pytest.approx(1.0) and warm.sum() == pytest.approx(1.0)
    assert cold.max() > warm.max()
    # unknown characters are dropped; nothing left means a newline
    np.testing.assert_allclose(next_char_probabilities(tiny_model, stoi, "d\u00e9f"), next_char_probabilities(tiny_model, stoi, "df"))
    np.testing.assert_allclose(next_char_probabilities(tiny_model, stoi, "\u00e9"), next_char_probabilities(tiny_model, stoi, "\n"))


def test_sampler_figure_is_a_figure(corpus, tiny_model):
    figure = sampler_figure(tiny_model, corpus["stoi"], corpus["itos"], start="$x = ", temperature=0.5, length=60)
    assert isinstance(figure, Figure) and len(figure.axes) == 2
    assert "0.50" in figure.axes[0].get_title()


def test_every_sampler_control_resamples(corpus, tiny_model):
    widget = TextSampler(tiny_model, corpus["stoi"], corpus["itos"], start="def ", length=100)
    assert widget.state["text"].startswith("def ") and len(widget.state["text"]) == 104
    pictures, texts = [png(widget)], [widget.state["text"]]
    for name, value in [("temperature", 2.5), ("seed", 7), ("start", "class "), ("length", 200)]:
        widget.controls[name].value = value
        pictures.append(png(widget))
        texts.append(widget.state["text"])
    assert widget.state["temperature"] == pytest.approx(2.5) and widget.state["seed"] == 7
    assert texts[-1].startswith("class ") and len(texts[-1]) == len("class ") + 200
    assert len(set(texts)) == len(texts), "every control must change the sample"
    assert all(p.startswith(b"\x89PNG") for p in pictures)
    assert len(set(pictures)) == len(pictures), "every control change must change the picture"
    assert widget.redraw_count == 5


def test_sampler_uses_your_sample_function(corpus, tiny_model):
    calls = []

    def my_sample(*args, **kwargs):
        calls.append(kwargs["temperature"])
        return ref.sample(*args, **kwargs)

    widget = TextSampler(tiny_model, corpus["stoi"], corpus["itos"], temperature=0.7, length=20, sample_fn=my_sample)
    widget.controls["temperature"].value = 1.3
    assert calls == [pytest.approx(0.7), pytest.approx(1.3)]


def test_sampler_carries_png_in_its_bundle(corpus, tiny_model):
    widget = TextSampler(tiny_model, corpus["stoi"], corpus["itos"], length=20)
    bundle = widget._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == png(widget)


# --------------------------------------------------------------------------- the training view


def small_view(corpus, **kwargs) -> TrainingView:
    settings = dict(embed_dim=4, hidden_dim=16, batch_size=4, seq_len=16, eval_chars=200, device="cpu")
    settings.update(kwargs)
    return TrainingView(corpus["train_ids"], corpus["test_ids"], corpus["stoi"], corpus["itos"], **settings)


def test_char_trainer_and_training_figure(corpus):
    trainer = CharTrainer(corpus["train_ids"], corpus["test_ids"], len(corpus["itos"]), cell="gru", hidden_dim=8,
                          batch_size=4, seq_len=8, eval_chars=100, device="cpu")
    assert trainer.steps == 0 and len(trainer.held_out) == 1
    assert trainer.uniform == pytest.approx(math.log2(len(corpus["itos"])))
    trainer.step(5)
    trainer.set_lr(0.01)
    assert trainer.trainer.optimizer.param_groups[0]["lr"] == 0.01
    trainer.set_max_norm(None)
    assert trainer.trainer.max_norm is None
    figure = training_figure(corpus["train_ids"], corpus["test_ids"], corpus["stoi"], corpus["itos"], steps=3,
                             hidden_dim=8, batch_size=4, seq_len=8, eval_chars=100, device="cpu")
    assert isinstance(figure, Figure) and len(figure.axes) == 3


def test_training_view_does_not_touch_the_global_seed(corpus):
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    small_view(corpus)
    assert torch.equal(torch.rand(3), expected)


def test_every_training_control_redraws_and_sets_the_state(corpus):
    view = small_view(corpus, redraw_every=5)
    assert view.steps == 0
    view.step(5)
    steps = view.steps
    for name, value, check in [("lr", 0.01, lambda t: t.lr == 0.01),
                               ("clip", 0.0, lambda t: t.trainer.max_norm is None),
                               ("clip", 5.0, lambda t: t.trainer.max_norm == 5.0)]:
        before = png(view)
        view.controls[name].value = value
        assert check(view.trainer) and view.steps == steps, f"changing {name} must not restart training"
        assert png(view) != before, f"changing {name} did not redraw"
    before = png(view)
    view.controls["cell"].value = "rnn"
    assert view.trainer.cell == "rnn" and view.steps == 0 and png(view) != before
    assert isinstance(view.trainer.model.rnn, nn.RNN)


def test_step_and_reset_buttons(corpus):
    view = small_view(corpus, redraw_every=6)
    before, draws = png(view), view.redraw_count
    view.step_button.click()
    assert view.steps == 6 and view.redraw_count == draws + 1 and png(view) != before
    assert "step 6" in view.status.value and view.trainer.held_out[-1][0] == 6
    view.step_button.click()
    assert view.steps == 12
    view.reset_button.click()
    assert view.steps == 0 and view.trainer.history["bpc"] == []


def test_play_and_pause(corpus):
    check_play_pause_play(small_view(corpus, redraw_every=3, interval=0.0), min_steps=6)


def test_pause_stops_the_thread_within_300_ms(corpus):
    view = small_view(corpus, redraw_every=1000, interval=0.0)  # only training, no redraw in the way
    view.play.value = True
    deadline = time.monotonic() + 30
    while view.steps < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    start = time.monotonic()
    view.pause()
    assert not view.playing, "the training thread was still running 300 ms after Pause"
    assert time.monotonic() - start < 0.5
    assert not any(t.name == "TrainingView" and t.is_alive() for t in threading.enumerate())


def test_reset_stops_play_and_play_for(corpus):
    view = small_view(corpus, redraw_every=3, interval=0.0)
    view.play.value = True
    time.sleep(0.3)
    view.reset_button.click()
    assert not view.play.value and view.steps == 0
    time.sleep(0.3)
    assert view.steps == 0
    view.play_for(0.5)
    view._thread.join(5)
    assert view.steps > 0 and not view.play.value and not view.playing


def test_own_model_class_drives_the_view(corpus):
    built = []

    class Mine(ref.CharRNN):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            built.append(kwargs.get("cell"))

    view = small_view(corpus, model_class=Mine, cell="gru")
    view.step(2)
    assert built == ["gru"] and isinstance(view.trainer.model, Mine)


def test_view_carries_png_in_its_bundle(corpus):
    view = small_view(corpus)
    bundle = view._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == png(view)


# --------------------------------------------------------------------------- no leaks


def test_no_pyplot_figures_leak(corpus, tiny_model):
    plt.close("all")
    sampler = TextSampler(tiny_model, corpus["stoi"], corpus["itos"], length=20)
    sampler.controls["temperature"].value = 2.0
    view = small_view(corpus, redraw_every=2)
    view.step_button.click()
    view.reset_button.click()
    sampler_figure(tiny_model, corpus["stoi"], corpus["itos"], length=20)
    assert plt.get_fignums() == []


# --------------------------------------------------------------------------- one kept figure, redrawn in place


def _differing(a: bytes, b: bytes) -> float:
    """The fraction of pixels that differ by more than 2 in some channel (1.0 if the sizes differ)."""
    a, b = _pixels(a), _pixels(b)
    return 1.0 if a.shape != b.shape else float((np.abs(a - b).max(axis=-1) > 2).mean())


@pytest.mark.parametrize("cell, layers", [("lstm", 1), ("gru", 2), ("rnn", 1)])
def test_fast_sampling_draws_what_the_reference_draws(corpus, cell, layers):
    from gradschool.widgets.text_sampler import _sample

    stoi, itos = corpus["stoi"], corpus["itos"]
    model = ref.seed_weights(ref.CharRNN(len(itos), 8, 24, num_layers=layers, cell=cell), seed=1, scale=0.6)
    for temperature, start in [(0.3, "def "), (1.0, "d"), (2.0, "class Point")]:
        want = ref.sample(model, stoi, itos, start, 150, temperature=temperature,
                          generator=torch.Generator().manual_seed(3))
        got = _sample(model, stoi, itos, start, 150, temperature=temperature, generator=torch.Generator().manual_seed(3))
        assert got == want


def test_fast_sampling_falls_back_for_a_model_that_computes_something_else(corpus, tiny_model):
    from gradschool.widgets.text_sampler import _sample

    class Hotter(nn.Module):  # CharRNN-shaped layers, but the logits are doubled
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x, state=None):
            logits, state = self.inner(x, state)
            return 2 * logits, state

    stoi, itos = corpus["stoi"], corpus["itos"]
    model = Hotter(ref.seed_weights(ref.CharRNN(len(itos), 8, 16), seed=2, scale=0.6))
    want = ref.sample(model, stoi, itos, "def ", 80, generator=torch.Generator().manual_seed(0))
    assert _sample(model, stoi, itos, "def ", 80, generator=torch.Generator().manual_seed(0)) == want


def test_sampler_nudges_redraw_in_place_and_match_a_full_draw(corpus, tiny_model):
    stoi, itos = corpus["stoi"], corpus["itos"]
    widget = TextSampler(tiny_model, stoi, itos, start="def ", length=100)
    draws = widget._live.full_draws
    for name, value in [("temperature", 0.5), ("seed", 4), ("length", 160), ("temperature", 1.3), ("seed", 9)]:
        widget.controls[name].value = value
    assert widget._live.full_draws == draws, "a temperature, seed or length change drew the whole figure"
    fresh = figure_png(sampler_figure(tiny_model, stoi, itos, start="def ", temperature=1.3, seed=9, length=160))
    assert _differing(png(widget), fresh) < 1e-4
    widget.controls["start"].value = "class "  # new characters on the axis: one full draw
    assert widget._live.full_draws == draws + 1
    fresh = figure_png(sampler_figure(tiny_model, stoi, itos, start="class ", temperature=1.3, seed=9, length=160))
    assert _differing(png(widget), fresh) < 1e-4


def test_training_frames_redraw_in_place_and_match_a_full_draw(corpus):
    view = small_view(corpus, redraw_every=2, evaluate_every=10)
    view.step(2)
    draws = view._live.full_draws
    for _ in range(3):  # light frames, as Play draws them: curves only, within the axes' limits
        view.trainer.step(2)
        view.redraw(evaluate=False)
    assert view._live.full_draws == draws, "a frame within the axes' limits drew the whole figure"
    assert view.steps == 8 and view.trainer.held_out[-1][0] == 2
    steps, text = view._text
    full = _TrainingPicture(new_figure(10.0, 4.6))  # what CharTrainer.draw draws, with the sample taken at step 2
    full.show(view.trainer, text, steps)
    # curves drawn over the legend and the reference lines are the only differences
    assert _differing(png(view), figure_png(full.figure)) < 1e-4
    layers = view._live.layer_draws
    view.step(2)  # Step: evaluated and sampled again; the sample and title are redrawn, not the axes
    assert view.trainer.held_out[-1][0] == 10 and view._text[0] == 10
    assert view._live.layer_draws == layers + 1
    assert view._live.full_draws == draws, "a new sample drew the whole figure (the axes did not change)"
    # a few more pixels: here the curves cross the reference lines
    assert _differing(png(view), figure_png(view.trainer.draw(text=view._text[1]))) < 5e-4


def test_play_evaluates_every_evaluate_every_steps(corpus):
    view = small_view(corpus, redraw_every=2, evaluate_every=6, interval=0.0)
    view.play.value = True
    deadline = time.monotonic() + 30
    while view.steps < 14 and time.monotonic() < deadline:
        time.sleep(0.01)
    view.pause()
    view._thread.join(10)
    evaluated = [s for s, _ in view.trainer.held_out]
    assert evaluated[0] == 0 and len(evaluated) >= 3
    assert all(b - a >= 6 for a, b in zip(evaluated[1:], evaluated[2:])), evaluated
    assert view.redraw_count > len(evaluated), "light frames between evaluations"

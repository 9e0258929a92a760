"""How alive the widgets feel in a real browser: key press to new pixels, in JupyterLab, in Chromium.

For every chapter (or those named) it starts JupyterLab on loopback and Debian's Chromium (the
browser tests' set-up, ``tests/browser/labdriver.py``), opens the chapter's notebook with the
exercises done (``finished/``), runs all cells through the menus, and for every widget measures:

* **press p50/p90**: focus the widget's slider, press an arrow key, and time from the ``keydown``
  in the page to the new picture decoded and painted (two animation frames after the ``<img>``
  got its new ``src``), checking that the pixels did change; ``--presses`` presses, left and right
  in turn, each once the previous picture is up. A widget without a slider that changes its
  picture uses a dropdown (arrow key) or its Step button (Enter) instead; the column says which.
* **handler p50**: the Python side of one such change, timed in the kernel itself through a second
  client on the notebook's kernel: ``control.set_state(...)`` with the state a browser sends, which
  is what the kernel runs for the browser's comm message (every observer runs). A widget that
  draws browser changes in the background (``BrowserRedraw``) returns from it at once.
* **draw p50**: from that change to the new picture set on the widget, in the kernel (the redraw
  and its PNG, wherever they run): what the handler would cost if it drew in place.
* **settle**: ``--burst`` presses as fast as the keyboard repeats them, then the time from the last
  ``keydown`` until the last picture is painted (nothing changes for 1.5 s after it). The final
  picture is checked to be the kernel's latest, for the final value. ``frames`` counts the pictures
  the burst produced.
* **play Hz / stop**: for widgets with Play: pictures painted per second while playing (over
  ``--play-seconds``), and the time from the click on Pause to the last new picture (``stop``) and
  to the button saying Play again (``ack``).

Goals: press p50 <= 150 ms, p90 <= 250 ms; handler <= 50 ms; settle <= 500 ms; training widgets
(every widget with Play but the convolution stepper, see ``TRAINING``) refresh at 10 to 20 Hz. A ``*`` marks a miss.

    .venv/bin/python benchmarks/widget_latency.py [01_neuron ...] [--presses 20] [--burst 30]
                     [--play-seconds 5] [--json out.json] [--screenshots docs/screenshots]

Needs /usr/bin/chromium and Python Playwright (``scripts/install_browser.sh``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

import labdriver  # noqa: E402

PAUSE_EARLY = 0.6  # seconds of play before Pause, for a widget whose training ends by itself sooner
GOALS = {"press_p50": 150.0, "press_p90": 250.0, "handler_p50": 50.0, "settle": 500.0, "hz": (10.0, 20.0)}
# Widgets that train (or run an algorithm) while playing: the refresh-rate goal applies to them.
TRAINING = {"PerceptronExplorer", "DescentExplorer", "Playground", "GanLab", "TrainingMonitor",
            "FeatureMapExplorer", "TrainingView", "DigitGanExplorer"}

# Kernel-side helpers, sent once per notebook over a second client of its kernel.
KERNEL_SETUP = r'''
import hashlib as _gs_hashlib, json as _gs_json, statistics as _gs_stats, time as _gs_time
from ipywidgets.widgets.widget import _instances as _gs_instances

def _gs_controls(w):
    """Every value control inside widget ``w``, with its description."""
    seen, out, stack = set(), [], [w]
    while stack:
        x = stack.pop(0)
        if id(x) in seen:
            continue
        seen.add(id(x))
        if hasattr(x, "description") and hasattr(x, "value") and not hasattr(x, "children"):
            out.append(x)
        stack.extend(getattr(x, "children", ()))
    return out

def _gs_info(model_id):
    w = _gs_instances[model_id]
    return {"class": type(w).__name__, "image": hashlib_of(w)}

def hashlib_of(w):
    return _gs_hashlib.sha256(bytes(w.image.value)).hexdigest()

def _gs_handler(model_id, label, n):
    """Median and p90 ms of the kernel's handler for a browser change of control ``label`` to a
    neighbouring value, and of the time until its picture is drawn."""
    w = _gs_instances[model_id]
    control = next(c for c in _gs_controls(w) if c.description == label)
    times, drawn = [], []
    start = control.value
    values = None
    if hasattr(control, "options") and not hasattr(control, "step"):
        values = list(getattr(control, "_options_values", None) or [o[1] if isinstance(o, tuple) else o for o in control.options])
        i = values.index(start)
        other = values[i + 1] if i + 1 < len(values) else values[i - 1]
        seq = [other, start] * n
    elif type(control).__name__ == "FloatLogSlider":
        factor = control.base ** control.step
        other = start * factor if start * factor <= control.base ** control.max else start / factor
        seq = [other, start] * n
    else:
        step = getattr(control, "step", 1) or 1
        other = start + step if start + step <= control.max else start - step
        seq = [other, start] * n
    for value in seq[:n]:
        state = {"value": value} if values is None else {"index": values.index(value)}  # a dropdown sends its index
        t = _gs_time.perf_counter()
        control.set_state(state)  # what the kernel runs for the browser's comm "update"
        times.append(1000 * (_gs_time.perf_counter() - t))
        if hasattr(w, "wait_drawn"):
            w.wait_drawn(60)
        drawn.append(1000 * (_gs_time.perf_counter() - t))
    control.value = start
    def stats(xs):
        xs = sorted(xs)
        return _gs_stats.median(xs), xs[int(0.9 * (len(xs) - 1))]
    (p50, p90), (d50, d90) = stats(times), stats(drawn)
    return {"p50": p50, "p90": p90, "draw_p50": d50, "draw_p90": d90}

def _gs_state(model_id, label):
    import math
    w = _gs_instances[model_id]
    control = next((c for c in _gs_controls(w) if c.description == label), None)
    value = None if control is None else control.value
    # where the slider's handle sits (aria-valuenow): a log slider's handle is at the exponent
    position = math.log(value, control.base) if type(control).__name__ == "FloatLogSlider" else value
    return {"value": value, "position": position, "image": hashlib_of(w)}

def _gs_set(model_id, label, value):
    """Put control ``label`` back to ``value`` (as a cell would), and wait for its picture."""
    w = _gs_instances[model_id]
    next(c for c in _gs_controls(w) if c.description == label).value = value
    if hasattr(w, "wait_drawn"):
        w.wait_drawn(60)
'''


class Kernel:
    """A second client of the notebook's kernel: runs code in the notebook's own namespace."""

    def __init__(self, server: labdriver.LabServer, kernel_id: str):
        from jupyter_client import BlockingKernelClient

        self.client = BlockingKernelClient(connection_file=str(server.home / "runtime" / f"kernel-{kernel_id}.json"))
        self.client.load_connection_file()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)
        self.run(KERNEL_SETUP)

    def run(self, code: str, timeout: float = 300) -> str:
        out: list[str] = []

        def hook(msg: dict) -> None:
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                out.append("ERROR " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])

        self.client.execute_interactive(code, timeout=timeout, output_hook=hook, store_history=False)
        text = "".join(out)
        if text.startswith("ERROR"):
            raise RuntimeError(text)
        return text

    def call(self, expression: str) -> object:
        return json.loads(self.run(f"print(_gs_json.dumps({expression}))"))

    def close(self) -> None:
        self.client.stop_channels()


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


IMAGE_SHA = "img => fetch(img.src).then(r => r.arrayBuffer()).then(b => crypto.subtle.digest('SHA-256', b))" \
            ".then(d => Array.from(new Uint8Array(d)).map(x => x.toString(16).padStart(2, '0')).join(''))"


class Bench:
    def __init__(self, lab: labdriver.LabPage, args: argparse.Namespace):
        self.lab, self.args = lab, args

    # ---- one key press, timed
    def timed_press(self, widget: labdriver.Widget, control, key: str, timeout: float = 10.0) -> float | None:
        lab = self.lab
        before_pixels = lab.pixels(widget)
        seen = len(lab.changes(widget)["changes"])
        keys_before = len(lab.keydowns())
        control.press(key)
        changed, _ = lab.wait_new_picture(widget, seen, before_pixels, timeout)
        if not changed:
            return None
        keydown = lab.keydowns()[keys_before]
        painted = lab.changes(widget)["painted"]
        first_new = next(t for t in painted[seen:] if t is not None)
        return first_new - keydown

    def controls(self, widget: labdriver.Widget) -> list[tuple[str, object, tuple[str, str], str]]:
        """Candidates to press: ``(kind and label, locator, (forward key, back key), label)``."""
        out = []
        for handle in self.lab.sliders(widget):
            label = handle.evaluate("h => h.closest('.widget-slider')?.querySelector('.widget-label')?.textContent || '?'")
            now, high = (float(handle.get_attribute(a) or 0) for a in ("aria-valuenow", "aria-valuemax"))
            keys = ("ArrowLeft", "ArrowRight") if now >= high else ("ArrowRight", "ArrowLeft")
            out.append((f"slider {label}", handle, keys, label))
        selects = widget.output.locator(".widget-dropdown select")
        for i in range(selects.count()):
            select = selects.nth(i)
            label = select.evaluate("s => s.closest('.widget-dropdown')?.querySelector('label')?.textContent || '?'")
            if label in ("data", "dataset", "digit", "kernel", "activation", "activation function"):
                continue  # these start afresh (a new network, digit...): not a small change
            last = select.evaluate("s => s.selectedIndex === s.options.length - 1")
            keys = ("ArrowUp", "ArrowDown") if last else ("ArrowDown", "ArrowUp")
            out.append((f"dropdown {label}", select, keys, label))
        steps = widget.output.locator("button.widget-button", has_text="Step")
        if steps.count():
            out.append(("Step button (Enter)", steps.first, ("Enter", "Enter"), None))
        return out

    def widget(self, chapter: str, widget: labdriver.Widget, model_id: str, kernel: Kernel) -> dict:
        lab, args = self.lab, self.args
        lab.watch(widget)
        info = kernel.call(f"_gs_info({model_id!r})")
        row: dict = {"chapter": chapter, "widget": info["class"], "cell": widget.cell}
        widget.output.scroll_into_view_if_needed()

        # ---- press latency: the first control whose key press changes the picture
        chosen = None
        for name, control, keys, label in self.controls(widget):
            control.focus()
            first = self.timed_press(widget, control, keys[0], timeout=5.0)
            if first is None:
                continue
            chosen = (name, control, keys, label)
            times = [first]
            for i in range(1, args.presses):
                time.sleep(0.15)
                t = self.timed_press(widget, control, keys[i % 2])
                if t is None:
                    row["note"] = f"press {i + 1} showed no new picture"
                    break
                times.append(t)
            row.update(control=name, presses=len(times), press_p50=statistics.median(times),
                       press_p90=percentile(times, 0.9))
            break
        if chosen is None:
            row["control"] = "none changes the picture"
        # ---- handler time, in the kernel
        if chosen is not None and chosen[3] is not None:
            time.sleep(0.5)
            handler = kernel.call(f"_gs_handler({model_id!r}, {chosen[3]!r}, {args.handler_runs})")
            row.update(handler_p50=handler["p50"], handler_p90=handler["p90"], draw_p50=handler["draw_p50"],
                       draw_p90=handler["draw_p90"])
            time.sleep(1.0)  # let the browser catch up with the pictures those changes sent
        # ---- settle after a burst
        if chosen is not None and chosen[3] is not None:
            name, control, keys, label = chosen
            control.focus()
            now, high, low = (float(control.get_attribute(a) or 0) for a in ("aria-valuenow", "aria-valuemax", "aria-valuemin")) \
                if name.startswith("slider") else (0.0, 1.0, 0.0)
            key = keys[0]
            if name.startswith("slider"):
                key = "ArrowLeft" if (high - now) < (now - low) else "ArrowRight"
            before_burst = kernel.call(f"_gs_state({model_id!r}, {label!r})")["value"]
            seen = len(lab.changes(widget)["changes"])
            keys_before = len(lab.keydowns())
            for _ in range(args.burst):
                control.press(key)
            last_key = lab.keydowns()[-1]
            presses = len(lab.keydowns()) - keys_before
            # Settled: nothing new for a while (longer than a redraw takes), and the picture shown is
            # the kernel's latest, drawn for the control's final value.
            quiet = max(1.5, 2.5 * max(row.get("handler_p90", 0), row.get("draw_p90", 0)) / 1000)
            quiet_since, count = time.monotonic(), len(lab.changes(widget)["changes"])
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                time.sleep(0.05)
                n = len(lab.changes(widget)["changes"])
                if n != count:
                    count, quiet_since = n, time.monotonic()
                elif time.monotonic() - quiet_since > quiet:
                    state = kernel.call(f"_gs_state({model_id!r}, {label!r})")
                    if widget.image.evaluate(IMAGE_SHA) == state["image"]:
                        break
                    quiet_since = time.monotonic()  # the kernel is still drawing: wait again
            record = lab.changes(widget)
            painted = [t for t in record["painted"][seen:] if t is not None]
            row["burst_presses"] = presses
            row["frames"] = len(record["changes"]) - seen
            # (0 when the last presses changed nothing, e.g. the slider had reached its end)
            row["settle"] = max(0.0, max(painted) - last_key) if painted else None
            state = kernel.call(f"_gs_state({model_id!r}, {label!r})")
            shown = widget.image.evaluate(IMAGE_SHA)
            row["final_picture_ok"] = shown == state["image"]
            row["final_ok"] = row["final_picture_ok"]
            if name.startswith("slider"):
                handle = float(control.get_attribute("aria-valuenow"))
                row["final_handle"], row["final_position"] = handle, state["position"]
                row["final_ok"] = row["final_ok"] and abs(handle - float(state["position"])) < 1e-6
            # Play from the notebook's setting, not from the burst's end (a learning rate at the
            # slider's top makes gradient descent diverge at once: nothing to play).
            kernel.call(f"_gs_set({model_id!r}, {label!r}, {before_burst!r})")
            time.sleep(0.5)
        # ---- play
        play = lab.play_button(widget)
        if play is not None:
            row.update(self.play(widget, play))
        row["training"] = info["class"] in TRAINING
        return row

    def play(self, widget: labdriver.Widget, play) -> dict:
        """Refresh rate while playing, then Stop latency. A widget whose training ends by itself
        within ``--play-seconds`` (a perceptron converges, a monitor reaches ``max_steps``) is reset
        and played again, paused after ``PAUSE_EARLY`` s, for its Stop latency."""
        out = self.play_once(widget, play, self.args.play_seconds)
        reset = widget.output.locator("button", has_text="Reset")
        if "note_play" in out and reset.count():
            reset.first.click()
            time.sleep(1.0)
            again = self.play_once(widget, play, PAUSE_EARLY)
            if "stop" in again:
                out.update(stop=again["stop"], ack=again["ack"],
                           note_play=f"ran to its end; Stop measured on a fresh run paused after {PAUSE_EARLY} s")
        return out

    def play_once(self, widget: labdriver.Widget, play, seconds: float) -> dict:
        lab = self.lab
        seen = len(lab.changes(widget)["changes"])
        play.click()
        time.sleep(seconds)
        button = widget.output.locator("button.widget-toggle-button").first
        button.evaluate("""b => { window.__gsAck = null;
            new MutationObserver((m, o) => { if (b.textContent.includes('Play')) { window.__gsAck = performance.now(); o.disconnect(); } })
              .observe(b, {childList: true, subtree: true, characterData: true}); }""")
        still_playing = "Pause" in button.inner_text()
        clicks_before = len(lab.clicks())
        if still_playing:
            button.click()
        click = lab.clicks()[clicks_before] if still_playing else None
        time.sleep(2.0)
        record = lab.changes(widget)
        painted = [t for t in record["painted"][seen:] if t is not None]
        during = [t for t in painted if click is None or t <= click]
        out: dict = {"play_frames": len(during)}
        if len(during) >= 2:
            out["hz"] = (len(during) - 1) / ((during[-1] - during[0]) / 1000)
        if click is not None:
            after = [t for t in painted if t > click]
            out["stop"] = (after[-1] - click) if after else 0.0
            ack = lab.page.evaluate("() => window.__gsAck")
            out["ack"] = None if ack is None else ack - click
        else:
            out["note_play"] = "finished by itself before Pause"
        return out


def fmt(value, goal=None, low=None) -> str:
    if value is None:
        return "-"
    text = f"{value:.0f}" if value >= 10 else f"{value:.1f}"
    miss = (goal is not None and value > goal) or (low is not None and value < low)
    return text + ("*" if miss else " ")


def table(rows: list[dict]) -> str:
    head = (f"{'chapter':<20}{'widget':<22}{'control':<24}{'press p50':>10}{'p90':>7}{'handler':>9}{'draw':>6}"
            f"{'settle':>8}{'frames':>7}{'play Hz':>8}{'stop':>7}{'ack':>7}  final")
    lines = [head, "-" * len(head)]
    for r in rows:
        training = r.get("training")
        lines.append(
            f"{r['chapter']:<20}{r['widget']:<22}{r.get('control', '-')[:23]:<24}"
            f"{fmt(r.get('press_p50'), GOALS['press_p50']):>10}{fmt(r.get('press_p90'), GOALS['press_p90']):>7}"
            f"{fmt(r.get('handler_p50'), GOALS['handler_p50']):>9}{fmt(r.get('draw_p50')):>6}{fmt(r.get('settle'), GOALS['settle']):>8}"
            f"{r.get('frames', '-')!s:>7}"
            f"{fmt(r.get('hz'), GOALS['hz'][1] if training else None, GOALS['hz'][0] if training else None):>8}"
            f"{fmt(r.get('stop')):>7}{fmt(r.get('ack')):>7}  {'ok' if r.get('final_ok') else ('-' if 'final_ok' not in r else 'WRONG')}"
            + (f"  ({r['note']})" if r.get("note") else "") + (f"  ({r['note_play']})" if r.get("note_play") else "")
        )
    lines.append("times in ms (handler: the kernel's handler for a browser change, median; draw: that change to its "
                 "picture, median); * misses a goal: press p50 <= 150, "
                 "p90 <= 250, handler <= 50, settle <= 500, training widgets 10-20 Hz")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chapters", nargs="*")
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--handler-runs", type=int, default=10)
    parser.add_argument("--play-seconds", type=float, default=5.0)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--screenshots", type=Path, help="save each widget's picture here after measuring")
    args = parser.parse_args()
    reason = labdriver.missing()
    if reason:
        sys.exit(f"widget_latency: {reason}")
    names = args.chapters or labdriver.chapters()

    from playwright.sync_api import sync_playwright

    home = labdriver.temp_home("gradschool-latency-")
    server = labdriver.LabServer(labdriver.build_root(home / "root", names), home).start()
    rows: list[dict] = []
    load_before = os.getloadavg()
    try:
        with sync_playwright() as playwright:
            context = labdriver.launch_chromium(playwright, home / "profile")
            lab = labdriver.LabPage(context, server).start()
            for chapter in names:
                lab.open(f"finished/{chapter}/{chapter}.ipynb")
                lab.run_all(timeout=600)
                saved = lab.save()
                outputs = labdriver.widget_outputs(saved)
                widgets = lab.widgets()
                lab.wait_widgets_rendered(len(widgets), timeout=60)
                kernel = Kernel(server, lab.kernel_id())
                bench = Bench(lab, args)
                try:
                    for widget, (_, output) in zip(widgets, outputs):
                        model_id = output["data"][labdriver.WIDGET_MIME]["model_id"]
                        row = bench.widget(chapter, widget, model_id, kernel)
                        rows.append(row)
                        print(json.dumps(row), file=sys.stderr, flush=True)
                        if args.screenshots:
                            lab.screenshot(args.screenshots / f"{chapter}-widget{widget.index}.png", widget)
                finally:
                    kernel.close()
            lab.close_notebook()
            context.close()
    finally:
        server.stop()
    print(f"widget latency in JupyterLab {__import__('jupyterlab').__version__}, Chromium "
          f"({labdriver.CHROMIUM}), {os.cpu_count()} CPUs, load average {load_before[0]:.1f} before / "
          f"{os.getloadavg()[0]:.1f} after")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()

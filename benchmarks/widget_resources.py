"""Memory and Stop latency of every widget, against issue 6's goals, side by side in one run.

For each widget (built small, as in ``tests/test_widget_requirements.py``):

* resident memory growth over 100 updates, and over 10 re-runs of its cell after them (each in a
  fresh Python, one malloc arena, after warm-up; a re-run retires the widget it replaces, as in a
  kernel, see ``gradschool/widgets/rerun.py``), goal: at most 5 MiB in all;
* for widgets that train, the time from Pause to the training thread's end (median and worst of
  three, after 0.4 s of play), goal: 300 ms.

    .venv/bin/python benchmarks/widget_resources.py [WidgetName ...]
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("MPLBACKEND", "Agg")

import torch  # noqa: E402

from tests.test_widget_requirements import (  # noqa: E402
    PLAYABLE, WIDGETS, _make, _text_inputs, measure_in_fresh_process,
    stop_latencies,
)

MEMORY_GOAL_MIB = 5.0
STOP_GOAL_MS = 300.0


def main() -> None:
    names = sys.argv[1:] or WIDGETS
    torch.set_num_threads(1)
    inputs = {"text": _text_inputs()}
    print(f"{'widget':22s}{'+MiB 100 updates':>18s}{'+MiB 10 re-runs':>17s}{'total':>8s}"
          f"{'stop p50 ms':>13s}{'stop max ms':>13s}  notes")
    for name in names:
        memory = measure_in_fresh_process(name)
        total = memory["updates"] + memory["reruns"]
        notes = []
        if total > MEMORY_GOAL_MIB:
            notes.append("memory over goal")
        if memory["figures_left"] or memory["threads_left"]:
            notes.append(f"LEFT {memory['figures_left']} figures, threads {memory['threads_left']}")
        stop = "-", "-"
        if name in PLAYABLE:
            latencies = [1000 * t for t in stop_latencies(_make(name, inputs))]
            stop = f"{statistics.median(latencies):.0f}", f"{max(latencies):.0f}"
            if statistics.median(latencies) > STOP_GOAL_MS:
                notes.append("stop over goal")
        print(f"{name:22s}{memory['updates']:18.1f}{memory['reruns']:17.1f}{total:8.1f}{stop[0]:>13s}{stop[1]:>13s}  "
              + "; ".join(notes), flush=True)
    print(f"goals: memory <= {MEMORY_GOAL_MIB} MiB in all, Pause to stopped <= {STOP_GOAL_MS:.0f} ms")


if __name__ == "__main__":
    main()

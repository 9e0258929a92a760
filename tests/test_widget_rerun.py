"""A cell run again retires the widgets it showed before (gradschool.widgets.rerun, issue 6).

The kernel's side is driven as IPython drives it: ``pre_run_cell`` with the cell's id, the
widget's display (``_repr_mimebundle_``), ``post_run_cell``.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from ipywidgets.widgets.widget import _instances

from gradschool.widgets import rerun
from gradschool.widgets.neuron import NeuronExplorer


@pytest.fixture(autouse=True)
def clean_records():
    rerun._shown_now.clear()
    rerun._shown_before.clear()
    yield
    rerun._current_cell = None
    rerun._shown_now.clear()
    rerun._shown_before.clear()


def run_cell(cell_id: str, body) -> object:
    """``body()`` as the code of cell ``cell_id``; whatever it returns is displayed, as IPython does."""
    rerun._pre_run_cell(SimpleNamespace(cell_id=cell_id))
    shown = body()
    for widget in shown if isinstance(shown, tuple) else (shown,):
        widget._repr_mimebundle_()
    rerun._post_run_cell(SimpleNamespace(info=SimpleNamespace(cell_id=cell_id)))
    return shown


def _alive(widget) -> bool:
    return widget.model_id in _instances if widget.comm is not None else False


def test_running_a_cell_again_retires_what_it_showed():
    first = run_cell("a", NeuronExplorer)
    image = first.image
    second = run_cell("a", NeuronExplorer)
    assert first.retired and not _alive(first) and not _alive(image), "the replaced widget (and its picture) is still open"
    assert not second.retired and _alive(second)
    third = run_cell("a", NeuronExplorer)
    assert second.retired and _alive(third)


def test_other_cells_and_a_widget_shown_again_are_left_alone():
    other = run_cell("b", NeuronExplorer)
    kept = run_cell("a", NeuronExplorer)
    run_cell("a", lambda: kept)  # the re-run shows the same widget again (e.g. the cell is just `explorer`)
    assert not kept.retired and _alive(kept)
    both = run_cell("c", lambda: (NeuronExplorer(), NeuronExplorer()))
    run_cell("c", NeuronExplorer)
    assert all(w.retired for w in both)
    assert not other.retired and _alive(other)


def test_a_playing_widget_stops_and_lets_go_of_its_trainer():
    from gradschool.widgets.feature_maps import FeatureMapExplorer

    first = run_cell("d", lambda: FeatureMapExplorer(redraw_every=2, interval=0.0))
    first.play.value = True
    assert first.playing
    run_cell("d", lambda: FeatureMapExplorer(redraw_every=2, interval=0.0))
    assert first.retired and not first.playing and isinstance(first.trainer, rerun.Released)
    with pytest.raises(RuntimeError, match="replaced when its cell ran again"):
        first.step(1)  # a student who kept the old one is told why it no longer trains


def test_outside_a_cell_nothing_is_recorded_or_retired():
    rerun._current_cell = None
    widget = NeuronExplorer()
    widget._repr_mimebundle_()
    assert rerun._shown_now == {} and not widget.retired


def test_in_a_real_kernel_a_rerun_closes_the_old_widget_and_stops_its_training():
    """The same, end to end: an IPython kernel, execute requests carrying the cell's id as
    JupyterLab sends them, and the old widget's training thread."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        def execute(code: str, cell_id: str) -> str:
            msg = client.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                         "user_expressions": {}, "allow_stdin": False},
                                     metadata={"cellId": cell_id})
            client.shell_channel.send(msg)
            out = []
            while True:
                reply = client.get_iopub_msg(timeout=120)
                if reply["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                    continue
                if reply["msg_type"] == "stream":
                    out.append(reply["content"]["text"])
                elif reply["msg_type"] == "error":
                    raise AssertionError("\n".join(reply["content"]["traceback"]))
                elif reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
                    return "".join(out)

        execute("import matplotlib; matplotlib.use('Agg')\nfrom gradschool.widgets.playground import Playground", "setup")
        execute("old = Playground(redraw_every=5, interval=0.0)\nold", "the cell")
        execute("old.play.value = True", "another cell")
        execute("new = Playground(redraw_every=5, interval=0.0)\nnew", "the cell")  # the cell runs again
        report = execute("import time; s = old.steps; time.sleep(0.3)\n"
                         "print(old.retired, old.playing, old.steps == s, old.comm is None, new.retired)",
                         "another cell")
        assert report.split() == ["True", "False", "True", "True", "False"], report
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)

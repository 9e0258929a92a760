"""A chapter exported to static HTML still shows its widgets, as pictures.

A widget's display carries an ``image/png`` of its state next to the widget view. A notebook saved
from JupyterLab (without widget state, JupyterLab's default) and exported with ``jupyter nbconvert
--to html`` has no kernel to draw the widget, so nbconvert falls back to that picture: an exported
notebook, a reader without a kernel, a feedback report all see the widgets' pictures. The HTML is
opened in Chromium from disk to check that the pictures decode and show.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import labdriver

# One worker runs every browser test (one JupyterLab, one Chromium) under `pytest -n 2 --dist loadgroup`.
pytestmark = pytest.mark.xdist_group("browser")

CHAPTER = labdriver.chapters()[0]


@pytest.mark.browser
def test_exported_html_shows_every_widget_picture(fresh_lab: labdriver.LabPage, chromium, tmp_path, screenshot_dir) -> None:
    lab = fresh_lab
    path = f"finished/{CHAPTER}/{CHAPTER}.ipynb"
    saved = json.loads((lab.server.root / path).read_text())
    if not labdriver.widget_outputs(saved):  # test_chapters has not run it in this session: run it now
        lab.open(path)
        lab.run_all(timeout=300)
        saved = lab.save()
        lab.close_notebook()
    widgets = labdriver.widget_outputs(saved)
    assert widgets, f"{CHAPTER} shows no widget"
    assert not saved["metadata"].get("widgets"), "the notebook was saved with widget state (not JupyterLab's default)"

    notebook = tmp_path / f"{CHAPTER}.ipynb"
    notebook.write_text(json.dumps(saved))
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", str(notebook)],
                          capture_output=True, text=True, timeout=120, env=lab.server.env())
    assert done.returncode == 0, done.stderr[-2000:]
    html_path = tmp_path / f"{CHAPTER}.html"
    html = html_path.read_text()

    for cell, output in widgets:
        png = "".join(output["data"]["image/png"].split())
        assert f"data:image/png;base64,{png}" in html.replace("\n", ""), (
            f"the exported HTML does not show the picture of the widget in cell {cell}")
    assert "application/vnd.jupyter.widget-view+json" not in html, "the HTML tries to render a live widget"

    page = chromium.new_page()
    try:
        page.goto(html_path.as_uri(), wait_until="load", timeout=60_000)
        shown = page.evaluate(
            """(pngs) => pngs.map(png => {
                 const img = Array.from(document.images).find(i => i.src.replace(/\\s/g, '').endsWith(png.slice(-200)));
                 return img ? [img.complete, img.naturalWidth, img.naturalHeight] : null;
               })""",
            ["".join(out["data"]["image/png"].split()) for _, out in widgets],
        )
        for (cell, _), state in zip(widgets, shown):
            assert state is not None, f"no <img> for the widget in cell {cell}"
            complete, width, height = state
            assert complete and width > 100 and height > 100, f"the widget picture in cell {cell} does not show: {state}"
        assert "Error displaying widget" not in page.inner_text("body")
        page.locator("img").nth(0).scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / f"{CHAPTER}-static-html.png"))
    finally:
        page.close()

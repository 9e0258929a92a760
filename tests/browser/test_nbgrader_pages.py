"""nbgrader's pages load in JupyterLab: the Formgrader (instructors) and the Assignment List (students).

Both are opened as their users open them, from JupyterLab's *Nbgrader* menu, against the session's
server, which serves an nbgrader course (``nbgrader_config.py``, ``solutions/``, ``course/``) and an
empty exchange of its own.
"""

from __future__ import annotations

import time

import pytest

import labdriver

# One worker runs every browser test (one JupyterLab, one Chromium) under `pytest -n 2 --dist loadgroup`.
pytestmark = pytest.mark.xdist_group("browser")


def _frame(lab: labdriver.LabPage, part: str, timeout: float = 60.0):
    """The content of JupyterLab's iframe panel whose address contains ``part``."""
    iframe = lab.page.locator(f"iframe[src*='{part}']").first
    iframe.wait_for(state="attached", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = iframe.element_handle().content_frame()
        if frame is not None and part in frame.url:
            return frame
        time.sleep(0.2)
    lab.screenshot(lab.server.home / "no-frame.png")
    raise AssertionError(f"the {part} panel did not load: frames {[f.url for f in lab.page.frames]}")


@pytest.mark.browser
def test_formgrader_lists_the_chapters(fresh_lab: labdriver.LabPage, screenshot_dir) -> None:
    lab = fresh_lab
    lab.menu("Nbgrader", "nbgrader:open-formgrader")
    frame = _frame(lab, "/formgrader")
    frame.get_by_text("Manage Assignments").first.wait_for(timeout=60_000)
    table = frame.locator("#main-table")
    # The table fills in from /formgrader/api/assignments: every chapter in solutions/ is listed.
    first = labdriver.chapters()[0]
    table.get_by_text(first, exact=True).first.wait_for(timeout=90_000)
    text = table.inner_text()
    missing = [chapter for chapter in labdriver.chapters() if chapter not in text]
    assert not missing, f"the Formgrader does not list {missing}:\n{text[:1000]}"
    lab.screenshot(screenshot_dir / "nbgrader-formgrader.png")
    assert not lab.new_console_errors(), f"browser console errors: {lab.new_console_errors()}"
    lab.menu("File", "application:close")  # close the Formgrader tab


@pytest.mark.browser
def test_assignment_list_loads(fresh_lab: labdriver.LabPage, screenshot_dir) -> None:
    lab = fresh_lab
    lab.menu("Nbgrader", "nbgrader:open-assignment-list")
    panel = lab.page.locator(".nbgrader-mainarea-widget", has_text="Released assignments").first
    panel.wait_for(timeout=60_000)
    for heading in ("Released assignments", "Downloaded assignments", "Submitted assignments"):
        assert heading in panel.inner_text()
    # Each list settles on its contents or its "no assignments" line, never on an error.
    lab.page.get_by_text("There are no assignments to fetch.").first.wait_for(timeout=60_000)
    text = panel.inner_text()
    assert "error" not in text.lower(), f"the Assignment List shows an error:\n{text[:1000]}"
    lab.screenshot(screenshot_dir / "nbgrader-assignment-list.png")
    assert not lab.new_console_errors(), f"browser console errors: {lab.new_console_errors()}"
    lab.menu("File", "application:close")

"""The browser suite's fixtures: one JupyterLab server, one Chromium, one JupyterLab tab per session.

Every test here is marked ``browser`` (and ``slow``, so ``make test-fast`` leaves them out) and
put in one xdist group, so that under ``pytest -n 2 --dist loadgroup`` a single worker starts a
single server and browser. Without ``/usr/bin/chromium`` or Python Playwright they are skipped
with the reason; ``test_chapters.py::test_browser_is_installed_in_ci`` fails instead when the
``CI`` environment variable is set, so CI never skips them silently.

Screenshots go to ``$GRADSCHOOL_SCREENSHOTS`` (default ``build/screenshots/``); set it to
``docs/screenshots`` to refresh the pictures the README shows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The heavy demos run at their grading size under the test (minutes saved); `=full` for what a
# student's run shows.
os.environ.setdefault("GRADSCHOOL_BROWSER_DEMO_SIZE", "grading")

import labdriver  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives JupyterLab in Debian's Chromium with Playwright (minutes)")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the xdist_group marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = labdriver.missing()
    for item in items:
        if item.get_closest_marker("browser") is None:
            continue
        item.add_marker(pytest.mark.slow)
        item.add_marker(pytest.mark.xdist_group("browser"))
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"browser tests need Chromium and Playwright: {reason}"))


@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")  # after xdist's own hook
def pytest_collection_modifyitems_name_the_xdist_group(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--dist loadgroup`` with pytest >= 9.2 and pytest-xdist 3.8: xdist names a grouped test
    ``<nodeid>@<group>`` by setting ``item._nodeid``, which pytest 9.2 no longer reads (the node id
    lives in ``item._id``), so the group is lost and the browser tests are spread over both
    workers (two JupyterLabs, two Chromiums). Give them the name xdist meant."""
    if not config.getvalue("loadgroup"):
        return
    try:
        from _pytest.nodeid import coerce_node_id
    except ImportError:  # an older pytest: xdist's own renaming works
        return
    for item in items:
        mark = item.get_closest_marker("xdist_group")
        if mark is None or "@" in item.nodeid or not hasattr(item, "_id"):
            continue
        group = mark.args[0] if mark.args else mark.kwargs.get("name", "default")
        item._id = coerce_node_id(f"{item.nodeid}@{group}")


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    folder = Path(os.environ.get("GRADSCHOOL_SCREENSHOTS", labdriver.REPO / "build" / "screenshots"))
    if not folder.is_absolute():
        folder = labdriver.REPO / folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory):
    """JupyterLab on 127.0.0.1 (free port, random token, its own Jupyter folders), serving
    ``course/``, ``finished/`` and ``solutions/`` copies of every chapter."""
    home = tmp_path_factory.mktemp("jupyterlab")
    root = labdriver.build_root(home / "root")
    server = labdriver.LabServer(root, home)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory):
    """A Playwright context on /usr/bin/chromium with a fresh, empty profile."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        context = labdriver.launch_chromium(playwright, tmp_path_factory.mktemp("chromium-profile"))
        try:
            yield context
        finally:
            context.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def lab(lab_server: labdriver.LabServer, chromium) -> labdriver.LabPage:
    """One JupyterLab tab for the whole session; each test opens the notebooks it needs in it."""
    page = labdriver.LabPage(chromium, lab_server).start()
    yield page
    if page.path is not None:
        try:
            page.close_notebook()
        except Exception:
            pass


@pytest.fixture
def fresh_lab(lab: labdriver.LabPage) -> labdriver.LabPage:
    """The session's tab with no notebook open, and its console errors from now on only."""
    if lab.path is not None:
        lab.close_notebook()
    lab.errors_from = len(lab.console_errors)
    return lab

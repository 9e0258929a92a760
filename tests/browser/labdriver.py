"""Drive the course in a real browser: a JupyterLab server on loopback, Debian's Chromium, Playwright.

Shared by the browser tests (``tests/browser/``) and ``benchmarks/widget_latency.py``. Nothing here
writes outside the temporary folder it is given: the server gets its own Jupyter config, data,
runtime and settings folders, its own token and a free loopback port; Chromium gets a fresh,
empty profile.

* :func:`missing`: why the browser tests cannot run here (``None`` when they can).
* :func:`build_root`: the folder the server serves: ``course/`` (the untouched student
  notebooks), ``finished/`` (the same notebooks with the solutions pasted into the answer
  cells: a student who has done every exercise), ``solutions/`` and an ``nbgrader_config.py``
  (so that the Formgrader has a course to show) and an empty nbgrader exchange.
* :class:`LabServer`: start, wait for ``/api/status``, stop.
* :func:`launch_chromium`: a Playwright browser context on ``/usr/bin/chromium``.
* :class:`NotebookPage`: open a notebook in JupyterLab, run its cells through the menus, save it,
  find its widgets, press keys on them and watch their pictures change.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A background tab must keep painting: the benchmark measures paints.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# An output area showing a widget view (JupyterLab gives it no data-mime-type attribute).
WIDGET_OUTPUTS = f"{ACTIVE} .jp-OutputArea-output:has(> .jupyter-widgets)"
VIEWPORT = {"width": 1280, "height": 900}


# --------------------------------------------------------------------------- what is available


def missing() -> str | None:
    """Why the browser tests cannot run on this machine, or ``None`` when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (run scripts/install_browser.sh: Debian's chromium, never a downloaded browser)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is missing (run scripts/install_browser.sh: pip install playwright)"
    return None


def chapters(selected: bool = False) -> list[str]:
    """Every chapter that has a student notebook in ``course/``, in order; with ``selected``, only
    those named in ``$GRADSCHOOL_BROWSER_CHAPTERS`` (comma-separated) when it is set."""
    names = sorted(p.name for p in (REPO / "course").iterdir() if (p / f"{p.name}.ipynb").exists())
    wanted = [n.strip() for n in os.environ.get("GRADSCHOOL_BROWSER_CHAPTERS", "").split(",") if n.strip()]
    if selected and wanted:
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            raise ValueError(f"GRADSCHOOL_BROWSER_CHAPTERS names unknown chapters {unknown}")
        names = [n for n in names if n in wanted]
    return names


# --------------------------------------------------------------------------- the served folder


def finished_notebook(chapter: str) -> Any:
    """The student notebook of ``chapter`` with every answer cell replaced by the solution's.

    Answer cells (nbgrader ``solution: true``) are matched by ``grade_id``; the solution's
    ``### BEGIN/END SOLUTION`` marker lines are dropped, everything else in ``course/`` (visible
    tests, the comment-only hidden test cells, prose, widgets) stays as the student got it.
    """
    import nbformat

    student = nbformat.read(REPO / "course" / chapter / f"{chapter}.ipynb", as_version=4)
    source = nbformat.read(REPO / "solutions" / chapter / f"{chapter}.ipynb", as_version=4)
    answers = {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in source.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    replaced = 0
    for cell in student.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            grade_id = meta["grade_id"]
            if grade_id not in answers:
                raise KeyError(f"{chapter}: answer cell {grade_id!r} has no solution in solutions/")
            lines = [line for line in answers[grade_id].splitlines()
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
            cell.source = "\n".join(lines)
            replaced += 1
    if replaced != len(answers):
        raise ValueError(f"{chapter}: pasted {replaced} answers, solutions/ has {len(answers)}")
    return student


NBGRADER_CONFIG = """\
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "gradschool"
c.CourseDirectory.root = {root!r}
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"
c.Exchange.root = {exchange!r}
c.Exchange.path_includes_course = True
"""


def build_root(root: Path, names: list[str] | None = None) -> Path:
    """Lay out the folder the server serves (see the module docstring); returns ``root``."""
    import nbformat

    names = names or chapters()
    root.mkdir(parents=True, exist_ok=True)
    exchange = root.parent / "exchange"
    exchange.mkdir(exist_ok=True)
    os.chmod(exchange, 0o777)
    for chapter in names:
        for kind in ("course", "solutions"):
            (root / kind / chapter).mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / kind / chapter / f"{chapter}.ipynb", root / kind / chapter)
        (root / "finished" / chapter).mkdir(parents=True, exist_ok=True)
        nbformat.write(finished_notebook(chapter), root / "finished" / chapter / f"{chapter}.ipynb")
    (root / "nbgrader_config.py").write_text(NBGRADER_CONFIG.format(root=str(root), exchange=str(exchange)))
    return root


# --------------------------------------------------------------------------- a saved notebook


def source_of(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def error_outputs(nb: dict) -> list[tuple[int, str, str]]:
    """``(cell index, ename, evalue)`` of every error output of a saved notebook (JSON)."""
    return [(i, out.get("ename", ""), out.get("evalue", ""))
            for i, cell in enumerate(nb["cells"]) for out in cell.get("outputs", []) if out["output_type"] == "error"]


def widget_outputs(nb: dict) -> list[tuple[int, dict]]:
    """``(cell index, output)`` of every output that displays a widget."""
    return [(i, out) for i, cell in enumerate(nb["cells"]) for out in cell.get("outputs", [])
            if WIDGET_MIME in out.get("data", {})]


def _bound_names(code: str) -> set[str]:
    """Names a cell binds at top level (assignments, defs, classes, imports, loop targets)."""
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def classify_student_errors(nb: dict) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]]]:
    """Split a student notebook's errors into ``(from_exercises, unexplained)``.

    From the exercises: a ``NotImplementedError`` (an exercise not done yet), or a ``NameError``
    for a name that an earlier cell which itself failed that way would have bound (the demo after
    an unfinished exercise). Anything else is unexplained.
    """
    import re

    failed_names: set[str] = set()
    explained, unexplained = [], []
    for index, name, value in error_outputs(nb):
        missing = re.search(r"name '([^']+)' is not defined", value or "")
        if name == "NotImplementedError" or (name == "NameError" and missing and missing.group(1) in failed_names):
            explained.append((index, name, value))
            failed_names |= _bound_names(source_of(nb["cells"][index]))
        else:
            unexplained.append((index, name, value))
    return explained, unexplained


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# User settings: no news or update checks (nothing may reach the network, no toast may cover a cell),
# and a key for Run > Run Selected Cell and All Below (the menu takes ~0.7 s a click in Playwright;
# the student notebooks need it once per unfinished exercise).
RUN_ALL_BELOW_KEYS = "Control+Alt+Shift+F9"
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/shortcuts-extension/shortcuts.jupyterlab-settings": {"shortcuts": [
        {"command": "notebook:run-all-below", "keys": ["Ctrl Alt Shift F9"], "selector": ".jp-Notebook.jp-mod-commandMode"},
    ]},
}


@dataclass
class LabServer:
    """A JupyterLab server on 127.0.0.1 with its own token, port and Jupyter folders.

    ``home`` holds ``config/``, ``data/``, ``runtime/``, ``settings/``, ``workspaces/`` and the
    server's log; ``root`` is what it serves (and its working directory, where nbgrader looks for
    ``nbgrader_config.py``).
    """

    root: Path
    home: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.home / "jupyterlab.log"

    def url(self, path: str = "lab", **query: str) -> str:
        params = "&".join([f"token={self.token}", *(f"{k}={v}" if v else k for k, v in query.items())])
        return f"{self.base}/{path.lstrip('/')}?{params}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        dirs = {name: self.home / name for name in ("config", "data", "runtime", "settings", "workspaces", "ipython", "mpl")}
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        env.update(
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
            JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
            IPYTHONDIR=str(dirs["ipython"]),
            MPLCONFIGDIR=str(dirs["mpl"]),
            JUPYTER_PLATFORM_DIRS="1",
            PYTHONUNBUFFERED="1",
            # As `make lab` does (the Makefile exports them): on 2 cores shared with the browser, a
            # BLAS pool of 2 threads mostly spins (GAN Lab's heat map: 15 ms with 2 threads, 3 ms with 1).
            OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
            PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        )
        # As `make lab` does: the kernel picks its own (inline) Matplotlib backend.
        for name in ("MPLBACKEND", "NBGRADER_EXECUTION", "GRADSCHOOL_JUDGE", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH"):
            env.pop(name, None)
        if os.environ.get("GRADSCHOOL_BROWSER_DEMO_SIZE") == "grading":
            env["NBGRADER_EXECUTION"] = "validate"  # heavy demos scale down (gradschool.runtime.demo_size)
        return env

    def start(self, timeout: float = 90.0) -> "LabServer":
        env = self.env()
        for name, value in LAB_SETTINGS.items():
            path = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
            "--ServerApp.open_browser=False", "--LabApp.news_url=", "--ServerApp.terminals_enabled=False",
            "--LabApp.extension_manager=readonly",  # no PyPI look-ups from the extension manager
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
            command.append("--allow-root")
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(command, cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.tail()}")
            try:
                status = self.api("api/status")
                if "started" in status:
                    return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"JupyterLab did not answer /api/status within {timeout:.0f} s:\n{self.tail()}")

    def api(self, path: str, method: str = "GET", timeout: float = 10.0) -> Any:
        request = urllib.request.Request(f"{self.base}/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Shut every running kernel down (frees the CPU between chapters)."""
        for session in self.api("api/sessions"):
            try:
                self.api(f"api/sessions/{session['id']}", method="DELETE")
            except urllib.error.URLError:
                pass

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            self.shutdown_kernels()
        except Exception:
            pass
        if self.process.poll() is None:
            self.process.terminate()  # Jupyter shuts its kernels down on SIGTERM
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        self.log.close()


# --------------------------------------------------------------------------- the browser


def launch_chromium(playwright: Any, profile: Path) -> Any:
    """A persistent Playwright context on Debian's Chromium with a fresh, empty profile ``profile``."""
    profile.mkdir(parents=True, exist_ok=True)
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, viewport=VIEWPORT,
        accept_downloads=False, service_workers="block",
    )


# In-page helpers, installed once per page (see NotebookPage.open).
PAGE_HELPERS = r"""
() => {
  if (window.__gs) return;
  const gs = window.__gs = {keydowns: [], clicks: []};
  document.addEventListener('keydown', () => gs.keydowns.push(performance.now()), true);
  document.addEventListener('mousedown', () => gs.clicks.push(performance.now()), true);
  // Every widget picture: the times its src changed and was decoded and painted.
  gs.watch = (img) => {
    if (img.__gsWatch) return img.__gsWatch;
    const w = img.__gsWatch = {changes: [], painted: []};
    new MutationObserver(() => {
      const t = performance.now();
      w.changes.push(t);
      const n = w.changes.length;
      img.decode().catch(() => null).then(() => requestAnimationFrame(() => requestAnimationFrame(() => {
        w.painted[n - 1] = performance.now();
      })));
    }).observe(img, {attributes: true, attributeFilter: ['src']});
    return w;
  };
  // A small fingerprint of the pixels an <img> shows now.
  gs.pixels = async (img) => {
    await img.decode().catch(() => null);
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    if (!c.width || !c.height) return 'empty';
    const ctx = c.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let h1 = 2166136261 >>> 0, h2 = 0;
    for (let i = 0; i < data.length; i += 1) { h1 = Math.imul(h1 ^ data[i], 16777619) >>> 0; h2 = (h2 + data[i] * (i % 251 + 1)) >>> 0; }
    return `${c.width}x${c.height}:${h1.toString(16)}:${h2.toString(16)}`;
  };
}
"""


@dataclass
class Widget:
    """One widget output in the notebook: its output element and the picture in it."""

    index: int  # which widget output, in notebook order
    cell: int  # the index of the notebook cell it is in
    output: Any  # Playwright locator of the output area element
    image: Any  # locator of its <img class="widget-image">


class LabPage:
    """One JupyterLab browser tab that opens notebooks one after another, as a student would
    (File > Open from Path...), and closes each (File > Close and Shut Down Notebook) before the
    next: one page load for a whole session instead of one per notebook."""

    def __init__(self, context: Any, server: LabServer, workspace: str = "gradschool"):
        self.context, self.server, self.workspace = context, server, workspace
        self.page = context.new_page()
        self.path: str | None = None
        self.console_errors: list[str] = []  # every console error and uncaught exception of the page
        self.errors_from = 0  # new_console_errors() reports those from this index on
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(f"console.error: {message.text} ({message.location.get('url', '')})")

    def new_console_errors(self) -> list[str]:
        return self.console_errors[self.errors_from:]

    # ---- open, run, save
    def start(self, timeout: float = 90.0) -> "LabPage":
        """Load JupyterLab (a fresh workspace) and wait until its menus are there."""
        self.page.goto(self.server.url(f"lab/workspaces/{self.workspace}", reset=""), wait_until="domcontentloaded",
                       timeout=timeout * 1000)
        self.page.locator(".lm-MenuBar-itemLabel", has_text="File").first.wait_for(timeout=timeout * 1000)
        self.page.locator("#jupyterlab-splash").wait_for(state="detached", timeout=timeout * 1000)
        self.page.evaluate(PAGE_HELPERS)
        return self

    def open(self, path: str, timeout: float = 90.0) -> "LabPage":
        """Open the notebook at ``path`` (relative to the server's root) and wait for its kernel."""
        if self.path is not None:
            self.close_notebook()
        self.menu("File", "filebrowser:open-path")
        field = self.page.locator(".jp-Dialog input").first
        field.wait_for(timeout=10_000)
        field.fill(path)
        field.press("Enter")
        self.path = path
        self.errors_from = len(self.console_errors)
        name = path.rsplit("/", 1)[-1]
        self.page.locator(f"{ACTIVE} .jp-Notebook .jp-Cell").first.wait_for(timeout=timeout * 1000)
        self.page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel", has_text=name).first.wait_for(
            timeout=timeout * 1000)
        self.wait_kernel_idle(timeout)
        self.page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=timeout * 1000)
        return self

    def close_notebook(self, timeout: float = 30.0) -> None:
        """File > Close and Shut Down Notebook (accepting the dialog); waits until the kernel is gone."""
        path, self.path = self.path, None
        self.menu("File", "filemenu:close-and-cleanup")
        accept = self.page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        try:
            accept.first.wait_for(timeout=3000)
            accept.first.click()
        except Exception:
            pass  # no confirmation asked
        deadline = time.monotonic() + timeout
        while any(s["path"] == path for s in self.server.api("api/sessions")):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path}: the kernel was not shut down within {timeout:.0f} s")
            time.sleep(0.2)
        self.page.locator(ACTIVE).first.wait_for(state="detached", timeout=timeout * 1000)

    @property
    def notebook(self) -> Any:
        return self.page.locator(f"{ACTIVE} .jp-Notebook").first

    def kernel_state(self) -> str:
        """The kernel's execution state as the server sees it, ``"none"`` before a session exists."""
        for session in self.server.api("api/sessions"):
            if session["path"] == self.path and session.get("kernel"):
                return session["kernel"]["execution_state"]
        return "none"

    def kernel_id(self) -> str:
        for session in self.server.api("api/sessions"):
            if session["path"] == self.path and session.get("kernel"):
                return session["kernel"]["id"]
        raise LookupError(f"no kernel for {self.path}")

    def wait_kernel_idle(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while self.kernel_state() != "idle":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.path}: the kernel did not start within {timeout:.0f} s")
            time.sleep(0.25)

    def menu(self, menu: str, command: str) -> None:
        """Click the main menu ``menu`` (e.g. "Run"), then its item for the JupyterLab ``command``."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
        item = self.page.locator(f".lm-Menu:not(.lm-MenuBar) li.lm-Menu-item[data-command='{command}']").first
        item.wait_for(state="visible", timeout=5000)
        item.click()

    def prompts(self) -> list[str]:
        """The input prompt of every code cell: ``"[3]:"``, ``"[*]:"`` (queued or running), ``"[ ]:"``."""
        return self.page.evaluate(
            f"""() => Array.from(document.querySelectorAll('{ACTIVE} .jp-Notebook .jp-Cell'))
                 .map(c => c.classList.contains('jp-CodeCell')
                      ? (c.querySelector('.jp-InputPrompt')?.textContent || '').trim() : null)"""
        )

    def wait_run_finished(self, timeout: float) -> list[str]:
        """Wait until no cell is queued or running and the kernel is idle; returns the prompts."""
        deadline = time.monotonic() + timeout
        time.sleep(0.1)
        quiet = 0
        while True:
            prompts = self.prompts()
            busy = any(p and "*" in p for p in prompts)
            quiet = 0 if busy or self.kernel_state() != "idle" else quiet + 1
            if quiet >= 2:
                return prompts
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.path}: cells still running after {timeout:.0f} s: "
                                   f"{[i for i, p in enumerate(prompts) if p and '*' in p][:5]}")
            time.sleep(0.1 if quiet else 0.2)

    def active_cell(self) -> int:
        return self.page.evaluate(
            f"""() => Array.from(document.querySelectorAll('{ACTIVE} .jp-Notebook .jp-Cell'))
                 .findIndex(c => c.classList.contains('jp-mod-active'))""")

    def select_cell(self, index: int, attempts: int = 5) -> None:
        """Make cell ``index`` the active cell (command mode), by clicking its prompt."""
        cell = self.page.locator(f"{ACTIVE} .jp-Notebook .jp-Cell").nth(index)
        for _ in range(attempts):
            cell.scroll_into_view_if_needed()
            cell.locator(".jp-InputPrompt").first.click()
            self.page.keyboard.press("Escape")
            if self.active_cell() == index:
                return
            time.sleep(0.3)  # the notebook was still scrolling: try again
        raise AssertionError(f"{self.path}: could not select cell {index} (active: {self.active_cell()})")

    def run_all(self, timeout: float = 240.0, keep_going: bool = False) -> int:
        """Run > Run All Cells and wait until the kernel is done; returns how often the run stopped.

        A cell that raises stops JupyterLab's Run All: the cells queued behind it are aborted (but
        ipykernel only aborts what it has already received, so some later cells may still run).
        With ``keep_going`` the run goes on as a student's would: select the first cell that has
        not run, Run > Run Selected Cell and All Below, until every code cell has run.
        """
        deadline = time.monotonic() + timeout
        self.notebook.click(position={"x": 5, "y": 5})  # focus the notebook
        before = self.prompts()
        self.menu("Run", "runmenu:run-all")
        self._wait_started(before)
        stops = 0
        while True:
            prompts = self.wait_run_finished(max(1.0, deadline - time.monotonic()))
            unrun = [i for i, p in enumerate(prompts) if p is not None and not p.strip("[]: ")]
            if not unrun or not keep_going:
                return stops + bool(unrun)
            stops += 1
            if stops > len(prompts):
                raise AssertionError(f"{self.path}: Run All keeps stopping; cells never run: {unrun}")
            self.select_cell(unrun[0])
            self.page.keyboard.press(RUN_ALL_BELOW_KEYS)  # = Run > Run Selected Cell and All Below
            if not self._wait_started(prompts):
                self.menu("Run", "notebook:run-all-below")  # the key did not reach the notebook
                self._wait_started(prompts)

    def _wait_started(self, before: list[str], timeout: float = 3.0) -> bool:
        """Wait (briefly) until the prompts show that the requested run has begun."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.prompts() != before:
                return True
            time.sleep(0.05)
        return False

    def save(self, timeout: float = 30.0) -> dict:
        """File > Save (Ctrl+S), wait until written; returns the saved notebook as JSON."""
        disk = self.server.root / self.path
        before = disk.stat().st_mtime_ns
        self.notebook.click(position={"x": 5, "y": 5})
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Control+s")
        deadline = time.monotonic() + timeout
        while disk.stat().st_mtime_ns == before:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.path} was not saved within {timeout:.0f} s")
            time.sleep(0.2)
        time.sleep(0.3)
        return json.loads(disk.read_text())

    # ---- widgets
    def error_texts(self) -> list[str]:
        """Visible 'Error displaying widget' / 'Error rendering' messages and failed widget views."""
        return self.page.evaluate(
            """() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
                 .map(e => e.innerText || '')
                 .filter(t => /Error displaying widget|Error rendering output|model not found|Failed to load model/i.test(t))
                 .map(t => t.slice(0, 300))"""
        )

    def widgets(self) -> list[Widget]:
        """Every widget output of the notebook, in order."""
        outputs = self.page.locator(WIDGET_OUTPUTS)
        cells = self.page.evaluate(
            f"""() => {{
                 const cells = Array.from(document.querySelectorAll('{ACTIVE} .jp-Notebook .jp-Cell'));
                 return Array.from(document.querySelectorAll("{WIDGET_OUTPUTS}")).map(o => cells.indexOf(o.closest('.jp-Cell')));
               }}"""
        )
        return [Widget(i, cell, outputs.nth(i), outputs.nth(i).locator("img.widget-image").first)
                for i, cell in enumerate(cells)]

    def wait_widgets_rendered(self, count: int, timeout: float = 30.0) -> None:
        """Wait until ``count`` widget outputs show a loaded picture."""
        deadline = time.monotonic() + timeout
        while True:
            loaded = self.page.evaluate(
                f"""() => Array.from(document.querySelectorAll("{WIDGET_OUTPUTS}"))
                     .map(o => o.querySelector('img.widget-image'))
                     .filter(img => img && img.complete && img.naturalWidth > 0).length"""
            )
            if loaded >= count:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.path}: {loaded} of {count} widgets show a picture after {timeout:.0f} s "
                                   f"(errors on the page: {self.error_texts()})")
            time.sleep(0.25)

    def watch(self, widget: Widget) -> None:
        widget.image.evaluate("img => window.__gs.watch(img)")

    def pixels(self, widget: Widget) -> str:
        return widget.image.evaluate("img => window.__gs.pixels(img)")

    def changes(self, widget: Widget) -> dict:
        """``{"changes": [t...], "painted": [t...]}``: when the picture's src changed, when painted."""
        return widget.image.evaluate("img => ({changes: [...img.__gsWatch.changes], painted: [...img.__gsWatch.painted]})")

    def now(self) -> float:
        return self.page.evaluate("() => performance.now()")

    def keydowns(self) -> list[float]:
        return self.page.evaluate("() => [...window.__gs.keydowns]")

    def clicks(self) -> list[float]:
        return self.page.evaluate("() => [...window.__gs.clicks]")

    def sliders(self, widget: Widget) -> list[Any]:
        """The keyboard-focusable handles of the widget's enabled sliders."""
        handles = widget.output.locator(".widget-slider:not(.mod-disabled) .noUi-handle")
        return [handles.nth(i) for i in range(handles.count())
                if handles.nth(i).get_attribute("tabindex") not in (None, "-1")
                and handles.nth(i).get_attribute("disabled") is None]

    def play_button(self, widget: Widget) -> Any | None:
        buttons = widget.output.locator("button.widget-toggle-button", has_text="Play")
        return buttons.first if buttons.count() else None

    def wait_new_picture(self, widget: Widget, before_changes: int, before_pixels: str, timeout: float) -> tuple[bool, str]:
        """Wait until the picture's src changed after ``before_changes`` and shows other pixels."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            record = self.changes(widget)
            if len(record["painted"]) > before_changes and record["painted"][-1] is not None:
                now = self.pixels(widget)
                if now != before_pixels:
                    return True, now
            time.sleep(0.05)
        return False, self.pixels(widget)

    def press_and_see(self, widget: Widget, timeout: float = 5.0) -> str:
        """Press the widget's Play (then Pause), or else move one of its sliders with the keyboard,
        until its picture shows other pixels. Returns what worked, e.g. ``"slider w1: ArrowRight"``;
        raises ``AssertionError`` when nothing changes the picture."""
        self.watch(widget)
        tried = []
        play = self.play_button(widget)
        if play is not None:  # a widget that plays shows life best by playing
            before = self.pixels(widget)
            seen = len(self.changes(widget)["changes"])
            play.click()
            changed, _ = self.wait_new_picture(widget, seen, before, timeout)
            pause = widget.output.locator("button.widget-toggle-button", has_text="Pause")
            if pause.count():
                pause.first.click()
            if changed:
                return "Play"
            tried.append("Play (same picture)")
        for handle in self.sliders(widget)[:3]:
            label = handle.evaluate(
                "h => h.closest('.widget-slider')?.querySelector('.widget-label')?.textContent || '?'")
            now, high = (float(handle.get_attribute(a) or 0) for a in ("aria-valuenow", "aria-valuemax"))
            key = "ArrowLeft" if now >= high else "ArrowRight"
            before = self.pixels(widget)
            seen = len(self.changes(widget)["changes"])
            handle.focus()
            handle.press(key)
            changed, _ = self.wait_new_picture(widget, seen, before, timeout)
            if changed:
                return f"slider {label}: {key}"
            tried.append(f"slider {label} ({key}: same picture)")
        raise AssertionError(f"{self.path}: widget {widget.index} (cell {widget.cell}): nothing changed its picture; "
                             f"tried {tried or 'nothing: no enabled slider and no Play button'}")

    def screenshot(self, path: Path, widget: Widget | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if widget is None:
            self.page.screenshot(path=str(path))
        else:
            widget.output.scroll_into_view_if_needed()
            widget.output.screenshot(path=str(path))


def temp_home(prefix: str = "gradschool-lab-") -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))

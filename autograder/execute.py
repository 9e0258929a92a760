"""Run a whole notebook in a fresh kernel, offline, and time it.

Offline is enforced, not assumed: the kernel starts with an IPython startup file (in a private
``IPYTHONDIR``) that refuses every socket connection outside the loopback interface.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

OFFLINE_STARTUP = '''
import socket as _socket

_connect = _socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if self.family != _socket.AF_UNIX and not (str(host).startswith("127.") or host in ("localhost", "::1")):
        raise OSError(f"gradschool notebooks run offline: refused a connection to {host}")
    return _connect(self, address)


_socket.socket.connect = _loopback_only
'''


def offline_ipython_dir(folder: Path | None = None) -> Path:
    """An IPYTHONDIR whose startup file blocks the network (created in ``folder`` or a temp dir)."""
    folder = Path(folder or tempfile.mkdtemp(prefix="gradschool-ipython-"))
    startup = folder / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00_offline.py").write_text(OFFLINE_STARTUP)
    return folder


def run_notebook(
    path: Path, *, grading: bool = False, timeout: float = 300, ipython_dir: Path | None = None
) -> tuple[nbformat.NotebookNode, float]:
    """Execute the notebook at ``path`` in its own folder; return it with outputs, and the seconds taken.

    ``grading`` sets ``NBGRADER_EXECUTION`` as nbgrader does, so demos scale down.
    """
    nb = nbformat.read(str(path), as_version=4)
    env = {"IPYTHONDIR": str(ipython_dir or offline_ipython_dir()), "MPLBACKEND": "Agg"}
    saved = {key: os.environ.get(key) for key in (*env, "NBGRADER_EXECUTION")}
    os.environ.update(env)
    if grading:
        os.environ["NBGRADER_EXECUTION"] = "autograde"
    else:
        os.environ.pop("NBGRADER_EXECUTION", None)
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(Path(path).parent)}})
        started = time.monotonic()
        client.execute()
        return nb, time.monotonic() - started
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def error_outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c["cell_type"] == "code" for o in c.get("outputs", []) if o["output_type"] == "error"]

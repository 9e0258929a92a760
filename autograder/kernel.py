"""One IPython kernel that runs code cell by cell and reports what happened.

Used by the mutant harness (many variants against one warm kernel) and by the grader. A cell run
ends as ``ok``, ``error`` (an exception, with its name and message), ``timeout`` (interrupted
after the limit) or ``dead`` (the kernel died: ``os._exit``, a segfault); the caller decides what
to do next (restart, carry on).
"""

from __future__ import annotations

import json
import os
import queue
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpec

from gradschool.checks import RECORD_MIME

MAX_OUTPUT_BYTES = 1_000_000
MAX_RECORD_BYTES = 50_000_000


@dataclass
class CellRun:
    """The outcome of running one piece of code."""

    status: str  # "ok", "error", "timeout", "dead" or "output" (printed far too much)
    error_name: str = ""
    error_value: str = ""
    outputs: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.status == "ok"

    def summary(self) -> str:
        if self.status == "error":
            first_line = self.error_value.strip().splitlines()[0] if self.error_value.strip() else ""
            return f"{self.error_name}: {first_line}"
        return self.status


class Kernel:
    """A python3 kernel in ``cwd`` with extra environment variables ``env``."""

    def __init__(
        self,
        cwd: Path,
        env: dict[str, str] | None = None,
        kernel_name: str = "python3",
        launcher: list[str] | None = None,
    ):
        """``launcher``: a command prefix the kernel's argv is appended to (the sandbox). With a
        launcher, the kernel talks over IPC sockets in ``cwd`` instead of TCP, so it needs no
        network at all."""
        self.cwd = Path(cwd)
        self.env = {**os.environ, **(env or {})}
        self.kernel_name = kernel_name
        self.launcher = launcher
        self.wedged = False  # an interrupt did not bring the kernel back: restart before reuse
        self.manager: KernelManager | None = None
        self.client = None

    def _new_manager(self) -> KernelManager:
        if not self.launcher:
            return KernelManager(kernel_name=self.kernel_name)
        manager = KernelManager(
            kernel_name=self.kernel_name,
            transport="ipc",
            ip=str(self.cwd / "ipc"),
            connection_file=str(self.cwd / "connection.json"),
        )
        spec = manager.kernel_spec
        argv = list(spec.argv)
        if argv[0].startswith("python"):  # jupyter_client resolves a bare "python" only in argv[0]
            argv[0] = sys.executable
        manager._kernel_spec = KernelSpec(**{**spec.to_dict(), "argv": [*self.launcher, "--", *argv]})
        return manager

    def start(self, startup_timeout: float = 60) -> None:
        self.launch()
        self.wait_ready(startup_timeout)

    def launch(self) -> None:
        """Start the kernel process without waiting for it to answer.

        Launching a spare kernel while the previous job runs hides its start-up time.
        """
        # A fresh manager each time: shutting one down destroys its ZeroMQ context.
        self.manager = self._new_manager()
        self.wedged = False
        self.manager.start_kernel(cwd=str(self.cwd), env=self.env)
        self.client = self.manager.client()
        self.client.start_channels()

    def wait_ready(self, timeout: float = 60) -> None:
        """Block until the kernel answers (after its IPython start-up files have run)."""
        assert self.client is not None, "launch() the kernel first"
        self.client.wait_for_ready(timeout=timeout)

    def restart(self) -> None:
        self.shutdown()
        self.start()

    def shutdown(self) -> None:
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        if self.manager is not None and self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        self.manager = None

    def __enter__(self) -> "Kernel":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.shutdown()

    def alive(self) -> bool:
        return self.manager is not None and self.manager.is_alive()

    def run(self, code: str, timeout: float = 60, max_output_bytes: int = MAX_OUTPUT_BYTES) -> CellRun:
        """Run ``code``; interrupt it after ``timeout`` seconds; notice a dead kernel within ~0.2 s.

        Output beyond ``max_output_bytes`` is not kept, and a cell that prints ten times that is
        stopped (status ``output``): a million-line print costs the cell, not the grader.
        """
        assert self.client is not None, "start() the kernel first"
        result = CellRun("ok")
        seen_bytes = record_bytes = 0
        msg_id = self.client.execute(code, allow_stdin=False, stop_on_error=False)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.manager.interrupt_kernel()
                self._drain_until_idle()
                return CellRun("timeout", outputs=result.outputs)
            try:
                message = self.client.get_iopub_msg(timeout=min(0.2, remaining))
            except queue.Empty:
                if not self.alive():
                    return CellRun("dead", outputs=result.outputs)
                continue
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            content = message["content"]
            if kind == "status" and content["execution_state"] == "idle":
                break
            if kind in ("stream", "display_data", "execute_result"):
                size = len(json.dumps(content))
                if kind == "display_data" and RECORD_MIME in content.get("data", {}) and record_bytes + size <= MAX_RECORD_BYTES:
                    # Check records are what grading needs: they have their own, larger budget.
                    record_bytes += size
                    result.outputs.append({"output_type": kind, **content})
                    continue
                seen_bytes += size
                if seen_bytes <= max_output_bytes:
                    result.outputs.append({"output_type": kind, **content})
                elif seen_bytes > 10 * max_output_bytes:
                    self.manager.interrupt_kernel()
                    self._drain_until_idle()
                    return CellRun("output", outputs=result.outputs)
            elif kind == "error":
                result.outputs.append({"output_type": "error", **content})
                result.status = "error"
                result.error_name = content.get("ename", "")
                result.error_value = content.get("evalue", "")
        self._discard_shell_reply(msg_id)
        return result

    def _discard_shell_reply(self, msg_id: str) -> None:
        """Take the execute reply off the shell channel so replies never pile up."""
        assert self.client is not None
        try:
            while self.client.get_shell_msg(timeout=5)["parent_header"].get("msg_id") != msg_id:
                pass
        except queue.Empty:
            pass

    def _drain_until_idle(self, limit: float = 10) -> None:
        """After an interrupt, wait for the kernel to report idle so the next run starts clean."""
        assert self.client is not None
        try:
            while True:
                message = self.client.get_iopub_msg(timeout=limit)
                if message["header"]["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                    return
        except queue.Empty:
            self.wedged = True

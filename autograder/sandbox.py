"""Start a student's kernel in a sandbox, with what Linux offers without containers.

``python -m autograder.sandbox [options] -- KERNEL ARGV...`` is the kernel command the grader
gives jupyter_client. Before it runs the kernel it:

1. starts a new session (so the whole process group can be signalled and killed);
2. where the OS allows (root, or namespaces permitted): new network, mount and PID namespaces.
   No network interface but a down loopback; every process the student starts lives in the PID
   namespace and dies with the kernel; a fresh ``/proc``, a fresh ``/tmp``;
3. hides what the student must not read: the instructor's paths given by ``--hide`` (solutions,
   other submissions, the output folder, the gradebook, ``.git``) are covered by empty tmpfs
   mounts or ``/dev/null``;
4. binds the job's working folder at ``/tmp/work`` and starts there;
5. drops to an unprivileged uid of its own (one per worker slot, so one student's fork bomb
   cannot starve another's kernel), so it cannot write anything it does not own;
6. sets resource limits: address space, processes, file size, CPU seconds.

Every step that the OS refuses is skipped and written to ``--report`` (a JSON file), so the
class report can say exactly which protections were in force. Production deployments should add a
container or VM boundary around the whole grader (README, "Instructor guide").
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import signal
import sys
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
CLONE_NEWPID = 0x20000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_SET_PDEATHSIG = 1

WORK_MOUNT = "/tmp/work"

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(
        _libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None, ctypes.c_ulong(flags), data.encode() if data else None),
        f"mount {target}",
    )


def _untraversable_ancestors(path: Path) -> list[Path]:
    """Ancestors of ``path`` that other users may not enter (e.g. /root, mode 700)."""
    return [p for p in reversed(path.parents) if p != Path("/") and not os.stat(p).st_mode & 0o001]


def expose_interpreter(prefix: Path) -> None:
    """Let an unprivileged uid run a Python that lives under a private folder like /root.

    For each closed ancestor (``/root``): move the interpreter's tree aside, cover the ancestor
    with an empty world-traversable tmpfs (which also hides everything else in it), and bind the
    tree back at the same path, read-only.
    """
    for closed in _untraversable_ancestors(prefix):
        child = prefix
        while child.parent != closed:
            child = child.parent
        stash = Path("/tmp") / f".stash-{child.name}"
        stash.mkdir(exist_ok=True)
        _mount(str(child), str(stash), None, MS_BIND | MS_REC)
        _mount("tmpfs", str(closed), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
        child.mkdir()
        _mount(str(stash), str(child), None, MS_BIND | MS_REC)
        _mount("none", str(child), None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_REC)


def hide(path: Path) -> None:
    if path.is_dir():
        _mount("tmpfs", str(path), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0555,size=4k")
    elif path.exists():
        _mount("/dev/null", str(path), None, MS_BIND)


def isolate(args: argparse.Namespace, report: dict) -> None:
    """Mounts (root only), in the child that is PID 1 of the new namespaces."""
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    # Hold the working folder (and what must stay visible) open: a fresh /tmp may cover the
    # paths they were reached by (a checkout, and so its .venv, can itself live under /tmp).
    workdir = os.open(args.workdir, os.O_PATH | os.O_DIRECTORY)
    kept = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in args.keep if path.startswith("/tmp/")}
    _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")
    os.makedirs(WORK_MOUNT)
    _mount(f"/proc/self/fd/{workdir}", WORK_MOUNT, None, MS_BIND)
    os.close(workdir)
    for path, handle in sorted(kept.items()):
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
        os.close(handle)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV)
    for shared in ("/dev/shm", "/var/tmp"):
        if os.path.isdir(shared):
            _mount("tmpfs", shared, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")
    expose_interpreter(Path(sys.base_prefix).resolve())
    for path in args.hide:
        hide(Path(path))
    report["hidden"] = list(args.hide)


def set_limits(args: argparse.Namespace, report: dict) -> None:
    limits = {
        "address_space_mb": (resource.RLIMIT_AS, args.memory_mb * 1024 * 1024),
        "processes": (resource.RLIMIT_NPROC, args.processes),
        "file_size_mb": (resource.RLIMIT_FSIZE, args.file_size_mb * 1024 * 1024),
        "cpu_seconds": (resource.RLIMIT_CPU, args.cpu_seconds),
    }
    for name, (kind, value) in limits.items():
        try:
            resource.setrlimit(kind, (value, value))
            report["limits"][name] = value if "mb" not in name else value // (1024 * 1024)
        except (ValueError, OSError) as error:
            report["refused"].append(f"limit {name}: {error}")


def drop_privileges(uid: int) -> None:
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m autograder.sandbox")
    parser.add_argument("--workdir", required=True, help="the job's folder, owned by --uid; becomes /tmp/work")
    parser.add_argument("--hide", action="append", default=[], help="a path the student must not see")
    parser.add_argument("--keep", action="append", default=[], help="a folder that must stay visible (the code and its venv)")
    parser.add_argument("--uid", type=int, default=61000)
    parser.add_argument("--memory-mb", type=int, default=4096)
    parser.add_argument("--processes", type=int, default=128)
    parser.add_argument("--file-size-mb", type=int, default=64)
    parser.add_argument("--cpu-seconds", type=int, default=3600)
    parser.add_argument("--report", required=True, help="where to write which protections are in force (JSON)")
    parser.add_argument("--parent", type=int, help="the grader process that starts us: if it is already gone, exit")
    parser.add_argument("kernel", nargs=argparse.REMAINDER, help="-- then the kernel's argv, with -f CONNECTION_FILE")
    args = parser.parse_args(argv)
    # If whoever started us dies (even by kill -9), so do we, and with us the whole namespace.
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The signal only covers a death from now on: a grader killed while Python was still starting
    # us would leave an orphan. Its pid tells (we were reparented if it is gone).
    if args.parent is not None and os.getppid() != args.parent:
        os._exit(1)
    command = args.kernel[1:] if args.kernel[:1] == ["--"] else args.kernel
    report: dict = {"namespaces": False, "network_isolated": False, "uid": None, "limits": {}, "refused": []}
    # Open what we must write or read later now, before mounts hide the paths.
    report_file = open(args.report, "w")
    connection_index = command.index("-f") + 1
    connection = json.loads(Path(command[connection_index]).read_text())

    try:
        os.setsid()
    except PermissionError:
        pass  # already a session leader: jupyter_client starts kernels in a new session
    privileged = os.geteuid() == 0
    namespaces = False
    if privileged:
        try:
            _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID), "unshare")
            namespaces = True
        except OSError as error:
            report["refused"].append(f"namespaces: {error}")
    else:
        report["refused"].append("namespaces and a separate uid need root: the kernel runs as the grader's own user")

    inside = args.workdir
    if namespaces:
        # The first child of a new PID namespace is its PID 1: when it ends, everything in it ends.
        # The launcher holds the write end of this pipe until it dies: EOF tells the child it has.
        parent_alive, held_by_parent = os.pipe()
        child = os.fork()
        if child:
            os.close(parent_alive)
            _relay_until_exit(child)
        os.close(held_by_parent)
        _die_with_parent(lambda: not _closed(parent_alive))
        report["namespaces"] = report["network_isolated"] = True
        try:
            isolate(args, report)
            inside = WORK_MOUNT
        except OSError as error:
            report["refused"].append(f"mounts: {error}")
    os.chdir(inside)

    # The kernel reads its connection file from its own folder; IPC sockets live there too.
    if connection.get("transport") == "ipc":
        connection["ip"] = os.path.join(inside, os.path.basename(connection["ip"]))
    private_connection = os.path.join(inside, ".connection.json")
    Path(private_connection).write_text(json.dumps(connection))
    command[connection_index] = private_connection

    set_limits(args, report)
    if privileged:
        os.chown(private_connection, args.uid, args.uid)
        report["uid"] = args.uid
    report_file.write(json.dumps(report))
    report_file.close()
    if privileged:
        still_there = (lambda: not _closed(parent_alive)) if namespaces else _same_parent(os.getppid())
        drop_privileges(args.uid)
        _die_with_parent(still_there)  # a change of uid clears the parent-death signal: set it again
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execv(command[0], command)


def _die_with_parent(parent_alive) -> None:
    """SIGKILL this process when its parent dies; if it already has, exit now (no orphans)."""
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl")
    if not parent_alive():
        os._exit(1)


def _closed(read_end: int) -> bool:
    """True once every write end of the pipe is closed (its holder died)."""
    import select

    readable, _, _ = select.select([read_end], [], [], 0)
    return bool(readable) and os.read(read_end, 1) == b""


def _same_parent(parent: int):
    return lambda: os.getppid() == parent


def _relay_until_exit(child: int) -> None:
    """The launcher outside the namespace: pass signals to the kernel, exit as it exits."""
    # SIGINT reaches the kernel directly (jupyter_client signals the whole process group).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda s, _f: os.kill(child, s))
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except ChildProcessError:
            status = 0
            break
        except InterruptedError:
            continue
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


if __name__ == "__main__":
    main()

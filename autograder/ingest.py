"""Step 1, ingest: find every (student, chapter) notebook in what the instructor downloaded.

Accepted layouts:
* nbgrader's ``SUBMISSIONS/<student_id>/<chapter>/<chapter>.ipynb``;
* an LMS bulk download: a folder (or a ``.zip``) of files named ``<student_id>_<chapter>.ipynb``,
  or any name holding a chapter name (``alice - 01_neuron (late).ipynb``) or just its number
  (``alice_hw01.ipynb`` is not enough: the chapter's name or ``NN_`` must appear).

Nothing is followed or trusted: symlinks, names that climb out of the folder (``../``) and zip
members with such names are reported, never read.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_ZIP_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Submission:
    student: str
    chapter: str
    path: Path

    def digest(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Problem:
    """Something in the download that could not be matched to a student and chapter."""

    where: str
    why: str
    student: str = ""
    chapter: str = ""


def safe_student_id(text: str) -> str:
    """Student ids become folder names: keep letters, digits, ``.-_@``."""
    return re.sub(r"[^A-Za-z0-9.@_-]+", "_", text).strip("._-")


def unpack_zip(archive: Path, into: Path) -> list[Problem]:
    """Extract ``archive`` into ``into``, refusing members that are links or escape the folder."""
    problems = []
    with zipfile.ZipFile(archive) as bundle:
        total = sum(info.file_size for info in bundle.infolist())
        if total > MAX_ZIP_BYTES:
            return [Problem(str(archive), f"the zip would unpack to {total / 1e9:.1f} GB; over the 2 GB limit")]
        for info in bundle.infolist():
            name = PurePosixPath(info.filename)
            is_link = (info.external_attr >> 16) & 0o170000 == 0o120000
            if name.is_absolute() or ".." in name.parts or is_link:
                problems.append(Problem(info.filename, "unsafe name or link inside the zip: not extracted"))
                continue
            if info.is_dir():
                continue
            target = into / Path(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(info) as source, open(target, "wb") as sink:
                sink.write(source.read())
    return problems


def match_flat_name(name: str, chapters: list[str]) -> tuple[str, str] | None:
    """``alice_01_neuron.ipynb`` -> ("alice", "01_neuron"); None when no chapter is recognisable."""
    stem = name[: -len(".ipynb")] if name.endswith(".ipynb") else name
    for chapter in sorted(chapters, key=len, reverse=True):
        at = stem.find(chapter)
        if at > 0:
            student = safe_student_id(stem[:at])
            if student:
                return student, chapter
    return None


def discover(root: Path, chapters: list[str], scratch: Path) -> tuple[list[Submission], list[Problem]]:
    """Every submission under ``root`` (a folder or a zip) for the given chapters, and what was not understood."""
    problems: list[Problem] = []
    if root.is_file() and zipfile.is_zipfile(root):
        unpacked = scratch / "unzipped"
        unpacked.mkdir(parents=True, exist_ok=True)
        problems += unpack_zip(root, unpacked)
        root = unpacked
    if not root.is_dir():
        raise SystemExit(f"{root}: not a folder or a zip of submissions")

    found: dict[tuple[str, str], Submission] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue  # .ipynb_checkpoints, .DS_Store and friends
        if path.is_symlink():
            problems.append(Problem(str(relative), "a symbolic link: not followed", *_guess(relative, chapters)))
            continue
        if path.is_dir() or path.suffix != ".ipynb":
            continue
        parts = relative.parts
        if len(parts) == 3 and parts[1] in chapters and parts[2] == f"{parts[1]}.ipynb":
            student, chapter = safe_student_id(parts[0]), parts[1]
        else:
            matched = match_flat_name(path.name, chapters)
            if matched is None:
                problems.append(Problem(str(relative), f"cannot tell which student and chapter; name files <student>_<chapter>.ipynb, chapters: {', '.join(chapters)}"))
                continue
            student, chapter = matched
        key = (student, chapter)
        if key in found:
            # Two files for one student and chapter: the most recently modified wins, and we say so.
            older, newer = sorted([found[key], Submission(student, chapter, path)], key=lambda s: s.path.stat().st_mtime)
            problems.append(Problem(str(older.path.relative_to(root)), f"two submissions for {student}/{chapter}: graded the newer {newer.path.name}"))
            found[key] = newer
        else:
            found[key] = Submission(student, chapter, path)
    return sorted(found.values(), key=lambda s: (s.student, s.chapter)), problems


def _guess(relative: Path, chapters: list[str]) -> tuple[str, str]:
    parts = relative.parts
    if len(parts) >= 2 and parts[1] in chapters:
        return safe_student_id(parts[0]), parts[1]
    matched = match_flat_name(relative.name, chapters)
    return matched if matched else ("", "")

"""A text corpus that needs no download: Python's own standard library, read at run time.

The corpus is a fixed list of source files from the running interpreter's standard library
(``sysconfig.get_paths()["stdlib"]``), read in this order and joined with blank lines. The same
Python version gives the same text, byte for byte.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

from gradschool.data._validate import check_int

CORPUS_FILES = (
    "abc.py",
    "argparse.py",
    "bisect.py",
    "calendar.py",
    "collections/__init__.py",
    "contextlib.py",
    "dataclasses.py",
    "fractions.py",
    "functools.py",
    "heapq.py",
    "json/decoder.py",
    "json/encoder.py",
    "pathlib.py",
    "queue.py",
    "random.py",
    "shlex.py",
    "statistics.py",
    "string.py",
    "textwrap.py",
    "typing.py",
)


def text_corpus(max_chars: int | None = 200_000) -> str:
    """About 700,000 characters of Python source (on Python 3.11), cut to ``max_chars``.

    Args:
        max_chars: keep the first this many characters; ``None`` keeps all of it.

    Returns: the text, a str.
    """
    if max_chars is not None:
        max_chars = check_int("max_chars", max_chars, 1)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    missing = [name for name in CORPUS_FILES if not (stdlib / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"the text corpus reads Python's standard library from {stdlib}, but "
            f"{', '.join(missing)} is not there; use a standard CPython installation"
        )
    texts = [(stdlib / name).read_text(encoding="utf-8") for name in CORPUS_FILES]
    text = "\n\n".join(texts)
    return text if max_chars is None else text[:max_chars]

"""What right answers publish: the solution notebook run through the same sandbox and rewrite.

For each test cell, the records the solution published in judge mode are the expected values
(and tolerances) the student's records are judged against. Cached per chapter in
``OUT/expected/<chapter>.json``, keyed by the solution notebook's SHA-256, so the solution runs
once per class, not once per student.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from autograder.cells import read, source_path
from autograder.job import Settings, run_in_sandbox


def solution_digest(chapter: str) -> str:
    return hashlib.sha256(source_path(chapter).read_bytes()).hexdigest()


def expected_records(chapter: str, settings: Settings, cache_dir: Path) -> dict[str, list[dict]]:
    """grade id -> the records the solution's test cell published, in order."""
    cache = cache_dir / f"{chapter}.json"
    digest = solution_digest(chapter)
    if cache.exists():
        saved = json.loads(cache.read_text())
        if saved.get("solution_sha256") == digest:
            return saved["records"]
    outcomes, published, _sandbox, _overhead = run_in_sandbox(read(source_path(chapter)), settings, expected=None)
    broken = {cell: message for cell, (status, message) in outcomes.items() if status != "passed"}
    if broken:
        raise RuntimeError(f"{chapter}: the solution fails its own tests when judged outside the kernel: {broken}")
    cache_dir.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"solution_sha256": digest, "records": published}))
    return published

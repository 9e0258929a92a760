"""Command line: ``python -m autograder build|mutants ...``. See README.md, "Instructor guide"."""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    # nbgrader calls helper programs (alembic) by name: this environment's come first.
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="regenerate course/ from solutions/ (make build)")
    build_cmd.add_argument("chapters", nargs="*", help="chapter folders, e.g. 01_neuron (default: all)")

    mutants_cmd = commands.add_parser("mutants", help="judge a chapter's mutants and correct variants")
    mutants_cmd.add_argument("chapter")
    mutants_cmd.add_argument("--only", nargs="*", help="only variants whose label contains one of these")
    mutants_cmd.add_argument("--judge", action="store_true", help="judge outside the kernel, as `grade` does")

    grade_cmd = commands.add_parser("grade", help="grade a class: sandboxed, judged outside the kernel, in parallel")
    grade_cmd.add_argument("submissions", help="SUBMISSIONS/<student>/<chapter>/<chapter>.ipynb, or a folder/zip of <student>_<chapter>.ipynb")
    grade_cmd.add_argument("--out", required=True, help="results.csv, grades.csv, gradebook.db, feedback/, report.html go here")
    grade_cmd.add_argument("--chapters", help="comma-separated chapter folders (default: every chapter in course/)")
    grade_cmd.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel notebooks (default: one per core)")
    grade_cmd.add_argument("--dask", metavar="ADDRESS", help="run the jobs on this Dask distributed scheduler instead")
    grade_cmd.add_argument("--timeout", type=float, default=120, help="seconds per cell (default 120)")
    grade_cmd.add_argument("--notebook-timeout", type=float, default=900, help="seconds per notebook (default 900)")
    grade_cmd.add_argument("--memory", type=int, default=4096, help="address-space limit per notebook in MB (default 4096)")

    args = parser.parse_args(argv)
    if args.command == "grade":
        from pathlib import Path

        from autograder.cells import chapters
        from autograder.grade import grade_class
        from autograder.job import Settings

        wanted = args.chapters.split(",") if args.chapters else chapters()
        settings = Settings(cell_timeout=args.timeout, notebook_timeout=args.notebook_timeout, memory_mb=args.memory)
        if not Path(args.submissions).exists():
            print(f"{args.submissions}: no such folder or zip", file=sys.stderr)
            return 2
        return grade_class(Path(args.submissions), Path(args.out), wanted, args.workers, settings, args.dask)
    if args.command == "build":
        from autograder.build import build

        build(args.chapters or None)
        return 0
    if args.command == "mutants":
        from autograder.mutants import run_chapter, summary

        results = run_chapter(args.chapter, args.only, judge=args.judge)
        figures = summary(results)
        print(
            f"{args.chapter}: {figures['killed']}/{figures['mutants']} mutants killed, "
            f"{figures['passed']}/{figures['correct']} correct variants at full marks"
        )
        return 0 if all(r.ok for r in results) else 1
    return 2


if __name__ == "__main__":
    sys.exit(main())

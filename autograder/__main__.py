"""Command line: ``python -m autograder build|mutants ...``. See README.md, "Instructor guide"."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build_cmd = commands.add_parser("build", help="regenerate course/ from solutions/ (make build)")
    build_cmd.add_argument("chapters", nargs="*", help="chapter folders, e.g. 01_neuron (default: all)")

    mutants_cmd = commands.add_parser("mutants", help="judge a chapter's mutants and correct variants")
    mutants_cmd.add_argument("chapter")
    mutants_cmd.add_argument("--only", nargs="*", help="only variants whose label contains one of these")

    args = parser.parse_args(argv)
    if args.command == "build":
        from autograder.build import build

        build(args.chapters or None)
        return 0
    if args.command == "mutants":
        from autograder.mutants import run_chapter, summary

        results = run_chapter(args.chapter, args.only)
        figures = summary(results)
        print(
            f"{args.chapter}: {figures['killed']}/{figures['mutants']} mutants killed, "
            f"{figures['passed']}/{figures['correct']} correct variants at full marks"
        )
        return 0 if all(r.ok for r in results) else 1
    return 2


if __name__ == "__main__":
    sys.exit(main())

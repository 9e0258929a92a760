"""Step 6, report: a feedback page per student and chapter, and one page for the class.

Feedback shows each graded cell's status and message (visible-test messages included) and never
any hidden test's source: the job results hold only ids, points, statuses and messages.
"""

from __future__ import annotations

import base64
import html
from collections import Counter, defaultdict
from pathlib import Path

from autograder.ingest import Problem
from autograder.job import JobResult

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
.passed { color: #17653a; } .failed, .error, .timeout, .memory { color: #a4161a; }
.tampered, .invalid, .missing { color: #7a4b00; font-weight: bold; }
code, pre { background: #f5f5f5; padding: 0 .2rem; white-space: pre-wrap; }
"""


def _page(title: str, body: str) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>"


def feedback_html(result: JobResult) -> str:
    score = sum(c.points for c in result.cells)
    top = sum(c.max_points for c in result.cells)
    rows = "".join(
        f"<tr><td><code>{html.escape(c.cell)}</code></td><td>{c.points:g} / {c.max_points:g}</td>"
        f"<td class='{html.escape(c.status)}'>{html.escape(c.status)}</td><td><pre>{html.escape(c.message)}</pre></td></tr>"
        for c in result.cells
    )
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in result.notes if not n.startswith("solution "))
    body = (
        f"<h1>{html.escape(result.chapter)}: feedback for {html.escape(result.student)}</h1>"
        f"<p><strong>Score: {score:g} / {top:g}</strong></p>"
        "<table><tr><th>test cell</th><th>points</th><th>status</th><th>what happened</th></tr>"
        f"{rows}</table>"
        + (f"<h2>Notes</h2><ul>{notes}</ul>" if notes else "")
        + "<p>Hidden tests try inputs you did not see; their code is not shown. Re-run your notebook "
        "top to bottom (Kernel &gt; Restart and Run All) before you submit again.</p>"
    )
    return _page(f"{result.chapter} feedback", body)


def write_feedback(out: Path, results: list[JobResult]) -> None:
    for result in results:
        path = out / "feedback" / result.student / f"{result.chapter}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(feedback_html(result))


def _histogram_png(scores: list[float], top: float, title: str) -> str:
    from matplotlib.figure import Figure
    import io

    figure = Figure(figsize=(4, 2.4), dpi=80, layout="constrained")
    axes = figure.subplots()
    axes.hist(scores, bins=min(10, max(1, int(top) or 1)), range=(0, top or 1), color="#3a6ea5")
    axes.set_title(title, fontsize=10)
    axes.set_xlabel("score")
    axes.set_ylabel("students")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def write_class_report(out: Path, results: list[JobResult], problems: list[Problem], sandbox: dict | None = None) -> None:
    by_chapter: dict[str, list[JobResult]] = defaultdict(list)
    for result in results:
        by_chapter[result.chapter].append(result)
    sections = []
    for chapter, chapter_results in sorted(by_chapter.items()):
        scores = [sum(c.points for c in r.cells) for r in chapter_results]
        top = max((sum(c.max_points for c in r.cells) for r in chapter_results), default=0)
        statuses = Counter(c.status for r in chapter_results for c in r.cells)
        failed = Counter(c.cell for r in chapter_results for c in r.cells if c.status != "passed")
        mean = sum(scores) / len(scores) if scores else 0
        rows = "".join(f"<tr><td><code>{html.escape(cell)}</code></td><td>{count}</td></tr>" for cell, count in failed.most_common(10))
        sections.append(
            f"<h2>{html.escape(chapter)}</h2>"
            f"<p>{len(chapter_results)} students, mean {mean:.1f} / {top:g}. Statuses: "
            + ", ".join(f"<span class='{s}'>{s}</span> {n}" for s, n in sorted(statuses.items()))
            + f"</p><img alt='score histogram' src='data:image/png;base64,{_histogram_png(scores, top, chapter)}'>"
            "<h3>Most-failed test cells</h3><table><tr><th>test cell</th><th>students who lost it</th></tr>"
            f"{rows}</table>"
        )
    isolation = _isolation_summary(results)
    unmatched = "".join(f"<li><code>{html.escape(p.where)}</code>: {html.escape(p.why)}</li>" for p in problems)
    body = (
        "<h1>Class report</h1>"
        f"<p>{len({r.student for r in results})} students, {len(results)} notebooks.</p>"
        f"<h2>Sandbox</h2><p>{isolation}</p>"
        + "".join(sections)
        + (f"<h2>Files that could not be matched</h2><ul>{unmatched}</ul>" if unmatched else "")
    )
    (out / "report.html").write_text(_page("Class report", body))


def _isolation_summary(results: list[JobResult]) -> str:
    reports = [r.sandbox for r in results if r.sandbox]
    if not reports:
        return "No submission was executed in this run."
    isolated = sum(1 for r in reports if r.get("network_isolated"))
    refused = sorted({reason for r in reports for reason in r.get("refused", [])})
    text = f"{isolated} of {len(reports)} notebooks ran with no network, in their own PID and mount namespaces, as their own uid."
    if refused:
        text += " Protections the OS refused: " + html.escape("; ".join(refused)) + "."
    return text

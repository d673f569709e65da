"""What `design check` prints: every finding, one line each, then the counts and the
ML Test Score."""

from __future__ import annotations

from collections import Counter

from .check import INCONSISTENT, Finding
from .rubric import Mark, reading, section_scores


def findings_text(findings: list[Finding]) -> list[str]:
    width = max((len(f.status) for f in findings), default=0)
    lines = []
    for f in findings:
        where = f" (line {f.line})" if f.line else ""
        detail = f": {f.detail}" if f.detail else ""
        lines.append(f"  {f.status:<{width}}  {f.what}{where}{detail}")
    counts = Counter(f.status for f in findings)
    total = ", ".join(f"{counts[s]} {s}" for s in ("done", "open", INCONSISTENT))
    hint = (
        "; answer each open question on its **Answer:** line, then tick it"
        if counts["open"]
        else ""
    )
    return [*lines, total + hint]


def rubric_text(marks: list[Mark]) -> list[str]:
    lines = [
        f"  {m.points:>3}  {m.test.section} {m.test.number}: {m.test.title} — {m.evidence}"
        for m in marks
    ]
    scores = section_scores(marks)
    final = min(scores.values())
    sections = ", ".join(f"{name} {value:g}" for name, value in scores.items())
    return [
        "ML Test Score (1 automated, 0.5 by hand, 0 not yet):",
        *lines,
        f"sections: {sections} → score {final:g} (the weakest section): {reading(final)}",
    ]

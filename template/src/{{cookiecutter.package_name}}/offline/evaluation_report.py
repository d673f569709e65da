"""The evaluation report: a Markdown file a person opens to see what was decided and why."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from .promotion import Decision


def write_report(
    folder: Path,
    metrics: dict[str, dict[str, float]],
    decision: Decision,
    primary_metric: str,
    details: dict[str, str],
) -> Path:
    names = sorted({metric for row in metrics.values() for metric in row})
    header = "| rung | " + " | ".join(names) + " |"
    rule = "|---|" + "---|" * len(names)
    rows = [
        f"| {_rung_name(model, decision)} | "
        + " | ".join(f"{row.get(m, float('nan')):.4f}" for m in names)
        + " |"
        for model, row in metrics.items()
    ]
    facts = [f"- {key}: {value}" for key, value in details.items()]
    text = "\n".join(
        [
            "# Evaluation report",
            "",
            f"Primary metric: **{primary_metric}**.",
            "",
            header,
            rule,
            *rows,
            "",
            "## Promotion decision",
            "",
            f"**{decision.reason}**",
            "",
            "## Details",
            "",
            *facts,
            "",
        ]
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "evaluation.md"
    temporary = folder / f".evaluation.{uuid.uuid4().hex}.tmp"
    temporary.write_text(text)
    os.replace(temporary, path)
    return path


def _rung_name(rung: str, decision: Decision) -> str:
    return f"**{rung}** (serves)" if rung == decision.champion else rung

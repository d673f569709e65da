"""The evaluation report: a Markdown file a person opens to see what was decided and why,
and the same numbers as JSON for tools (`design check` reads which metrics were computed)."""

from __future__ import annotations

import json
import math
from pathlib import Path

from ..files import write_text_atomically
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
    numbers = {
        "primary_metric": primary_metric,
        "champion": decision.champion,
        "metrics": {
            rung: {name: value if math.isfinite(value) else None for name, value in row.items()}
            for rung, row in metrics.items()
        },
    }
    write_text_atomically(folder / "evaluation.json", json.dumps(numbers, indent=1) + "\n")
    return write_text_atomically(folder / "evaluation.md", text)


def _rung_name(rung: str, decision: Decision) -> str:
    return f"**{rung}** (serves)" if rung == decision.champion else rung

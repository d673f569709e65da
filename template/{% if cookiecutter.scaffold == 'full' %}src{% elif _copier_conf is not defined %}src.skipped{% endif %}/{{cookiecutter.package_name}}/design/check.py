"""`design check`: every item of docs/design-doc.md as done (with its evidence), open (a
question not yet answered) or inconsistent (the doc and the code disagree)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..config import Config
from . import blocks as generated
from .capacity import NOT_MEASURED
from .doc import CODE, LINK, STATED, Item, line_of, read_items
from .facts import CodeFacts
from .render import render_blocks

DONE, OPEN, INCONSISTENT = "done", "open", "inconsistent"
# What each generated block is written from: its evidence.
SOURCES = {
    "tables": "entities.py",
    "features": "features/definitions.py",
    "ladder": "training.models, offline/evaluate.py",
    "gate": "promotion",
    "evaluation": "training",
    "metrics": "reports/evaluation.json",
    "serving": "serving",
    "monitoring": "monitoring",
    "capacity": "this machine's measurements",
}
MEASURED = "capacity"  # changes with the machine and the data: never inconsistent
# A name the doc may use for a metric: any preset's, so that a metric this project does not
# compute is caught when the doc names it.
METRIC = re.compile(
    r"^(?:[a-z_]*auc|log_loss|normalized_entropy|mae|rmse|mape|mean_rank|mrr|distinct_lists"
    r"|calibration|ece|coverage|(?:recall|precision|ndcg|map|hit_rate|mrr)(?:_at_|@)\d+)$"
)


@dataclass(frozen=True)
class Finding:
    status: str
    what: str
    line: int
    detail: str


def check(
    text: str, folder: Path, config_path: Path, config: Config, code: CodeFacts, command: str
) -> list[Finding]:
    """The findings for a doc's `text`, whose links are relative to `folder`."""
    outside = generated.BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    findings = _blocks(text, config, code, command)
    findings += _stated_values(outside, config_path)
    findings += _metrics_named(outside, code)
    findings += _links(text, folder)
    findings += [_item(item) for item in read_items(text)]
    return sorted(findings, key=lambda finding: finding.line)


def _blocks(text: str, config: Config, code: CodeFacts, command: str) -> list[Finding]:
    found = generated.read_blocks(text)
    expected = render_blocks(config, code)
    findings = []
    for name, source in SOURCES.items():
        what = f"generated `{name}`"
        block = found.get(name)
        if block is None:
            findings.append(
                Finding(
                    INCONSISTENT,
                    what,
                    0,
                    f"missing: put `<!-- design:{name} -->` and `<!-- /design:{name} -->` "
                    f"back where it belongs, then run `{command} design sync`",
                )
            )
        elif name == MEASURED:
            measured = NOT_MEASURED not in block.body
            findings.append(
                Finding(
                    DONE if measured else OPEN,
                    what,
                    block.line,
                    f"written from {source}"
                    if measured
                    else f"{NOT_MEASURED}: run `make bench` and `make demo`, then "
                    f"`{command} design sync`",
                )
            )
        elif name not in expected:
            findings.append(
                Finding(
                    OPEN, what, block.line, "not verified: no evaluation has run yet (`make run`)"
                )
            )
        elif block.body != expected[name]:
            index, said, says = generated.first_difference(block.body, expected[name])
            findings.append(
                Finding(
                    INCONSISTENT,
                    what,
                    block.line + 1 + index,
                    f"the doc says “{said}”, {source} gives “{says}”: "
                    f"run `{command} design sync` to rewrite it from the code",
                )
            )
        else:
            findings.append(Finding(DONE, what, block.line, f"written from {source}"))
    return findings


def _stated_values(text: str, config_path: Path) -> list[Finding]:
    raw = yaml.safe_load(config_path.read_text()) or {}
    findings = []
    for match in STATED.finditer(text):
        key, value = match.groups()
        line = line_of(text, match.start())
        node: Any = raw
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                findings.append(
                    Finding(
                        INCONSISTENT,
                        f"`{key}`",
                        line,
                        f"config/pipeline.yaml has no `{key}`: fix the name in the doc",
                    )
                )
                break
            node = node[part]
        else:
            try:
                stated = yaml.safe_load(value)
            except yaml.YAMLError:
                stated = value
            if stated != node:
                findings.append(
                    Finding(
                        INCONSISTENT,
                        f"`{key}`",
                        line,
                        f"the doc says `{key}: {value}`, config/pipeline.yaml has "
                        f"{node!r}: change the doc or the config",
                    )
                )
    return findings


def _metrics_named(text: str, code: CodeFacts) -> list[Finding]:
    if code.metrics is None:
        return []
    computed = set(code.metrics)
    findings = []
    for match in CODE.finditer(text):
        name = match.group(1)
        if METRIC.match(name) and name not in computed:
            findings.append(
                Finding(
                    INCONSISTENT,
                    f"metric `{name}`",
                    line_of(text, match.start()),
                    "the evaluation does not compute it (it computes "
                    + ", ".join(sorted(computed))
                    + "): name one of those, or add it",
                )
            )
    return findings


def _links(text: str, folder: Path) -> list[Finding]:
    findings = []
    for match in LINK.finditer(text):
        target = match["target"]
        if "://" in target or target.startswith("mailto:"):
            continue
        if not (folder / target).exists():
            findings.append(
                Finding(
                    INCONSISTENT,
                    f"link {target}",
                    line_of(text, match.start()),
                    "names a file that does not exist: fix the link or restore the file",
                )
            )
    return findings


def _item(item: Item) -> Finding:
    if not item.ticked:
        return Finding(OPEN, item.name, item.line, "")
    if item.answer is None:
        targets = [m["target"].removeprefix("../") for m in LINK.finditer(item.text)]
        keys = [m.group(1) for m in STATED.finditer(item.text)]
        evidence = ", ".join([*targets, *keys]) or "stated by the template"
        return Finding(DONE, item.name, item.line, evidence)
    if not item.answered:
        return Finding(OPEN, item.name, item.line, "ticked, but its **Answer:** is still open")
    return Finding(DONE, item.name, item.line, f"answered at docs/design-doc.md:{item.line}")

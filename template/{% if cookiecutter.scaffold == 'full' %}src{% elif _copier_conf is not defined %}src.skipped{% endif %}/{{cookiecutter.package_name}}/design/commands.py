"""The two `design` commands, as the CLI runs them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..errors import UserError
from .check import INCONSISTENT, check
from .doc import read_items
from .facts import code_facts
from .report import findings_text, rubric_text
from .rubric import score
from .sync import sync

Echo = Callable[[str], None]


def command_name() -> str:
    name = Path(sys.argv[0]).name
    return name if name and not name.endswith(".py") else f"python -m {__package__.split('.')[0]}"


def _read(doc: Path) -> None:
    if not doc.is_file():
        raise UserError(f"design doc {doc} not found; run from the project root or pass --doc")


def check_doc(doc: Path, config_path: Path, config: Config, echo: Echo) -> int:
    """Print every finding and the ML Test Score; 1 when the doc and the code disagree."""
    _read(doc)
    text = doc.read_text()
    findings = check(text, doc.parent, config_path, config, code_facts(config), command_name())
    echo(f"{doc} against the code:")
    for line in findings_text(findings):
        echo(line)
    for line in rubric_text(score(config.root, read_items(text))):
        echo(line)
    return 1 if any(finding.status == INCONSISTENT for finding in findings) else 0


def sync_doc(doc: Path, config: Config, echo: Echo) -> int:
    _read(doc)
    changed, missing = sync(doc, config, code_facts(config))
    echo(f"rewrote {', '.join(changed)} in {doc}" if changed else f"{doc} already agrees")
    if missing:
        raise UserError(
            f"{doc} has no block for {', '.join(missing)}: put `<!-- design:NAME -->` and "
            "`<!-- /design:NAME -->` where each belongs, then sync again"
        )
    return 0

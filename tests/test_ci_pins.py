"""The generated GitHub workflow runs only actions pinned by commit SHA: a tag can be moved
to other code, a SHA cannot."""

from __future__ import annotations

import re
from pathlib import Path

WORKFLOWS = Path(__file__).resolve().parent.parent / "template" / ".github" / "workflows"
(WORKFLOW,) = WORKFLOWS.iterdir()  # named only when ci is github
PINNED = re.compile(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def test_every_action_is_pinned_by_sha_with_its_version_named():
    uses = [
        line.strip().lstrip("- ") for line in WORKFLOW.read_text().splitlines() if "uses:" in line
    ]
    assert uses, "the workflow uses no action?"
    assert [line for line in uses if not PINNED.fullmatch(line)] == []

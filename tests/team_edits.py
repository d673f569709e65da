"""What a team does to its generated project before the next template update: it tunes a
feature and the config, adds a module with its test, and edits the README and the CI
workflow. Each edit names a line that must still be there after the update."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# The first aggregation's window: `Aggregation("name", "count", 7` or the same over lines.
FIRST_WINDOW = re.compile(r'(Aggregation\(\s*"\w+",\s*"\w+",\s*)(\d+)')
TEAM_MODULE = '''"""The team's own business metric."""


def retained_value(value: float, probability_of_loss: float) -> float:
    return value * (1.0 - probability_of_loss)
'''
TEAM_TEST = """from {package}.team_metrics import retained_value


def test_retained_value():
    assert retained_value(100.0, 0.25) == 75.0
"""
TEAM_REGISTRY_NOTE = "\n\n# The team keeps the last 20 versions (see runbooks/registry.md).\n"
TEAM_MARGIN = 0.0125  # the team's promotion.min_improvement
TEAM_SCHEDULE = '  schedule:\n    - cron: "0 3 * * 1"  # the team\'s weekly run\n'


@dataclass(frozen=True)
class Edit:
    path: str
    kept: str  # a line the team wrote, which the update must keep
    moved_from: str | None = None  # where the team made it, if a release moved the file


def customize(project: Path, package: str) -> list[Edit]:
    """Make the team's edits in `project` (not committed); returns them."""
    edits = [
        _tune_first_window(project, f"src/{package}/features/definitions.py"),
        _replace_line(
            project,
            "config/pipeline.yaml",
            re.compile(r"^  min_improvement: [\d.]+", re.M),
            f"  min_improvement: {TEAM_MARGIN}",
        ),
        _replace_line(
            project,
            "README.md",
            re.compile(r"^# .+\n\n(.+)$", re.M),
            "Owned by the retention squad; questions to #team-ml.",
        ),
        _add(project, f"src/{package}/team_metrics.py", TEAM_MODULE),
        _add(project, "tests/test_team_metrics.py", TEAM_TEST.format(package=package)),
    ]
    registry = project / "src" / package / "offline" / "registry.py"  # until release 0.2.0
    if registry.is_file():
        registry.write_text(registry.read_text() + TEAM_REGISTRY_NOTE)
        moved = f"src/{package}/models/registry.py"  # where 0.2.0 moved it
        edits.append(Edit(moved, TEAM_REGISTRY_NOTE.strip(), str(registry.relative_to(project))))
    workflow = project / ".github" / "workflows" / "ci.yml"
    if workflow.is_file():
        text = workflow.read_text()
        workflow.write_text(text.replace("\non:\n", "\non:\n" + TEAM_SCHEDULE, 1))
        edits.append(Edit(".github/workflows/ci.yml", TEAM_SCHEDULE.splitlines()[1]))
    return edits


def _tune_first_window(project: Path, relative: str) -> Edit:
    path = project / relative
    text = path.read_text()
    found = FIRST_WINDOW.search(text)
    assert found, f"{relative} has no aggregation to tune"
    days = int(found.group(2)) + 7
    path.write_text(text[: found.start(2)] + str(days) + text[found.end(2) :])
    line_start = text.rfind("\n", 0, found.start(2)) + 1
    line_end = text.find("\n", found.end(2))
    tuned = text[line_start : found.start(2)] + str(days) + text[found.end(2) : line_end]
    return Edit(relative, tuned)


def _replace_line(project: Path, relative: str, pattern: re.Pattern[str], line: str) -> Edit:
    path = project / relative
    text = path.read_text()
    found = pattern.search(text)
    assert found, f"{relative} has nothing matching {pattern.pattern}"
    group = 1 if pattern.groups else 0
    path.write_text(text[: found.start(group)] + line + text[found.end(group) :])
    return Edit(relative, line)


def _add(project: Path, relative: str, text: str) -> Edit:
    path = project / relative
    path.write_text(text)
    return Edit(relative, text.splitlines()[0])

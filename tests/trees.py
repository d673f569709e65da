"""Read a generated project as data, and say which files it should have."""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from hooks.presets import OVERLAY, SKIPPED

TEMPLATE = Path(__file__).resolve().parent.parent / "template"


def snapshot(root: Path) -> dict[str, tuple[bytes, bool]]:
    """Every file and folder under root: content and executable bit (folders: empty)."""
    entries = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_dir():
            entries[relative + "/"] = (b"", False)
        else:
            entries[relative] = (path.read_bytes(), bool(path.stat().st_mode & stat.S_IXUSR))
    return entries


def files(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def rendered_template_paths(answers: Mapping[str, str]) -> set[str]:
    """The paths of template/ with their names rendered, as cookiecutter names them."""
    context = {"cookiecutter": {**answers, "__answers": ""}}
    environment = Environment(undefined=StrictUndefined)
    paths = set()
    for path in TEMPLATE.rglob("*"):
        if path.is_file():
            parts = [
                environment.from_string(part).render(context)
                for part in path.relative_to(TEMPLATE).parts
            ]
            if all(parts):  # an empty name means: no such file for these answers
                paths.add("/".join(parts))
    return paths


def expected_files(answers: Mapping[str, str]) -> set[str]:
    """The spec of a generated tree: template/'s paths as cookiecutter names them (a name
    that renders empty has no file: the optional modules a preset does not keep, the CI
    provider not chosen), the chosen preset's folder merged onto the root, and no
    `<name>.skipped` (the other presets' folders, and the full scaffold's in a
    design-doc-only project)."""
    merged = {path.removeprefix(f"{OVERLAY}/") for path in rendered_template_paths(answers)}
    return {path for path in merged if not path.split("/")[0].endswith(SKIPPED)}

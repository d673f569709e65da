"""Read a generated project as data, and say which files it should have."""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from hooks.presets import OPTIONAL_MODULES, OVERLAY_DIR, PRESETS
from hooks.skeleton import SKIPPED

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
    """The spec of a generated tree: the common files, plus the preset's overlay, minus the
    optional modules the preset does not keep (the CI providers' files are conditional
    names: a provider not chosen has none; so are the full scaffold's folders, which
    cookiecutter writes as `<name>.skipped` for the hook to remove)."""
    preset = PRESETS[answers["use_case"]]
    rendered = rendered_template_paths(answers)
    overlay_prefix = f"{OVERLAY_DIR}/{preset.name}/"
    common = {path for path in rendered if not path.startswith(f"{OVERLAY_DIR}/")}
    overlay = {
        path.removeprefix(overlay_prefix) for path in rendered if path.startswith(overlay_prefix)
    }
    removed = {
        module.format(package=answers["package_name"])
        for module in OPTIONAL_MODULES
        if module not in preset.keeps
    }
    return {
        path
        for path in common | overlay
        if not is_under(path, removed) and not path.split("/")[0].endswith(SKIPPED)
    }


def is_under(path: str, roots: set[str]) -> bool:
    return any(path == root or path.startswith(root + "/") for root in roots)

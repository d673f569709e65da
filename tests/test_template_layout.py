"""What the template's conditional names say: each answer that owns files owns them by name.

copier skips a file or folder whose name renders empty, without reading what is under it,
and an update three-way merges what the old and the new answers name; so a preset's own
files, and the common modules only some presets keep, are named from the presets table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.presets import OPTIONAL_MODULES, PRESETS, optional_module_name, overlay_folder
from hooks.skeleton import FULL_ONLY_SOURCE

TEMPLATE = Path(__file__).resolve().parent.parent / "template"
FULL_ONLY_TESTS = FULL_ONLY_SOURCE.replace("src", "tests")
USE_CASE = "cookiecutter.use_case"


def template_path(module: str) -> Path:
    """Where template/ keeps a project path such as `src/{package}/features/snapshot.py`."""
    top, rest = module.split("/", 1)
    folder = FULL_ONLY_SOURCE if top == "src" else FULL_ONLY_TESTS
    return TEMPLATE / folder / rest.replace("{package}", "{{cookiecutter.package_name}}")


def test_each_preset_has_one_folder_named_for_it_and_nothing_else_is_named_by_the_preset():
    by_preset = {path.name for path in TEMPLATE.iterdir() if USE_CASE in path.name}
    assert by_preset == {overlay_folder(name) for name in PRESETS}


@pytest.mark.parametrize("module", OPTIONAL_MODULES)
def test_an_optional_module_is_named_for_the_presets_that_keep_it(module):
    path = template_path(module)
    named = path.with_name(optional_module_name(module))
    assert named.is_file(), (
        f"rename the template's {path.name} for {module} to {named.name!r}: the presets "
        "table (hooks/presets.py) says which presets keep it"
    )


def test_no_common_file_is_named_by_the_preset_but_the_optional_modules():
    preset_folders = {overlay_folder(name) for name in PRESETS}
    optional = {template_path(module).with_name(optional_module_name(module))
                for module in OPTIONAL_MODULES}  # fmt: skip
    named_by_preset = {
        path
        for path in TEMPLATE.rglob("*")
        if USE_CASE in path.name and path.relative_to(TEMPLATE).parts[0] not in preset_folders
    }
    assert named_by_preset == optional

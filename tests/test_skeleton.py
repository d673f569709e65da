"""The post-generation steps (hooks/skeleton.py) on a small rendered tree made here."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.presets import OVERLAY, PRESETS
from hooks.skeleton import TemplateError, shape_project
from tests.trees import files, snapshot

PACKAGE = "demo_pkg"
DESIGN_DOC = (
    "# Design\n"
    "Use case: <!-- preset:title -->\n"
    "Stages: <!-- preset:stages -->\n"
    "Offline metrics: <!-- preset:offline_metrics -->\r\n"
)


# The file each CI provider's conditional name gives when `ci` chooses it.
CI_FILE = {"github": ".github/workflows/ci.yml", "gitlab": ".gitlab-ci.yml"}


def rendered_tree(root: Path, use_case: str = "classification", ci: str = "github") -> Path:
    """What cookiecutter leaves before the hook: the common tree, the chosen preset's folder
    as OVERLAY and the others' as `<name>.skipped`, the chosen CI provider's file, and the
    workflow folder (empty unless the provider is GitHub)."""
    contents = {
        "README.md": "common\n",
        f"src/{PACKAGE}/__init__.py": "",
        "docs/design-doc.md": DESIGN_DOC,
    }
    if ci in CI_FILE:
        contents[CI_FILE[ci]] = "ci\n"
    (root / ".github" / "workflows").mkdir(parents=True)
    for name in PRESETS:
        folder = OVERLAY if name == use_case else f"{name}.skipped"
        contents[f"{folder}/config/pipeline.yaml"] = f"preset: {name}\n"
        contents[f"{folder}/src/{PACKAGE}/entities.py"] = f"# {name}\n"
    for relative, text in contents.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())
    return root


def answers(use_case: str = "classification", ci: str = "github") -> dict[str, str]:
    return {"use_case": use_case, "ci": ci, "package_name": PACKAGE}


@pytest.mark.parametrize("use_case", list(PRESETS))
def test_the_chosen_preset_s_folder_is_merged_onto_the_root_and_the_others_removed(
    tmp_path, use_case
):
    project = rendered_tree(tmp_path, use_case)
    shape_project(project, answers(use_case))
    assert (project / "config/pipeline.yaml").read_text() == f"preset: {use_case}\n"
    assert (project / f"src/{PACKAGE}/entities.py").read_text() == f"# {use_case}\n"
    assert (project / "README.md").read_text() == "common\n"
    assert sorted(path.name for path in project.iterdir()) == [
        ".github", "README.md", "config", "docs", "src"
    ]  # fmt: skip


def test_a_preset_file_that_is_also_a_common_file_is_a_template_bug(tmp_path):
    project = rendered_tree(tmp_path)
    (project / OVERLAY / "README.md").write_text("preset\n")
    with pytest.raises(TemplateError, match="README.md is both a common file and a preset's"):
        shape_project(project, answers())


@pytest.mark.parametrize(
    ("ci", "kept"),
    [("github", {".github/workflows/ci.yml"}), ("gitlab", {".gitlab-ci.yml"}), ("none", set())],
)
def test_no_empty_folder_is_left_of_a_ci_provider_not_chosen(tmp_path, ci, kept):
    project = rendered_tree(tmp_path, ci=ci)
    shape_project(project, answers(ci=ci))
    ci_files = {path for path in files(project) if path.startswith((".github", ".gitlab"))}
    assert ci_files == kept
    assert (project / ".github").exists() == (ci == "github")


def test_design_doc_markers_become_the_preset_values(tmp_path):
    project = rendered_tree(tmp_path, "recommendation")
    shape_project(project, answers("recommendation"))
    assert (project / "docs/design-doc.md").read_bytes().decode() == (
        "# Design\n"
        "Use case: Recommendation\n"
        "Stages: candidates → rank → re-rank\n"
        "Offline metrics: recall@k, nDCG@k, mAP@k\r\n"
    )


@pytest.mark.parametrize("use_case", list(PRESETS))
@pytest.mark.parametrize("ci", ["github", "gitlab", "none"])
def test_a_second_run_changes_nothing(tmp_path, use_case, ci):
    project = rendered_tree(tmp_path, use_case, ci)
    shape_project(project, answers(use_case, ci))
    once = snapshot(project)
    shape_project(project, answers(use_case, ci))
    assert snapshot(project) == once


def test_a_marker_naming_no_preset_field_is_a_template_bug(tmp_path):
    project = rendered_tree(tmp_path)
    (project / "docs/design-doc.md").write_text("<!-- preset:colour -->\n")
    with pytest.raises(TemplateError, match="preset:colour"):
        shape_project(project, answers())

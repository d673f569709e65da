"""Every configuration of the matrix, rendered by both engines: the same tree, the expected
files, no template syntax left, and lint-clean Python."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from hooks.answers import RESERVED_NAMES
from hooks.presets import OPTIONAL_MODULES, OVERLAY, PRESETS
from hooks.skeleton import DESIGN_FACTS
from tests.engines import BIN, Engines, render_both
from tests.matrix import MATRIX, config_id
from tests.test_questions import QUESTIONS
from tests.trees import expected_files, files, snapshot

ANSWERS_FILE = ".copier-answers.yml"
DESIGN_BLOCK = re.compile(r"<!-- design:(\w+) -->\n(.*?)<!-- /design:\1 -->", re.S)
LEFTOVER_TEMPLATE_SYNTAX = re.compile(r"(?<!\$)\{\{|\{%|cookiecutter\.\w|<!-- preset:")


@dataclass(frozen=True)
class Rendered:
    config: dict[str, str]
    answers: dict[str, str]  # every answer, derived defaults included, as copier recorded it
    by_copier: Path
    by_cookiecutter: Path


@pytest.fixture(scope="module", params=[pytest.param(c, id=config_id(c)) for c in MATRIX])
def rendered(request, engines: Engines, tmp_path_factory) -> Rendered:
    config = request.param
    by_copier, by_cookiecutter = render_both(engines, tmp_path_factory.mktemp("render"), config)
    answers = yaml.safe_load((by_copier / ANSWERS_FILE).read_text())
    return Rendered(config, answers, by_copier, by_cookiecutter)


def test_both_engines_write_the_same_tree(rendered: Rendered):
    by_copier = snapshot(rendered.by_copier)
    by_cookiecutter = snapshot(rendered.by_cookiecutter)
    del by_copier[ANSWERS_FILE]
    assert sorted(by_copier) == sorted(by_cookiecutter)
    assert [path for path in by_copier if by_copier[path] != by_cookiecutter[path]] == []
    assert rendered.by_cookiecutter.name == rendered.answers["project_slug"]


def test_copier_records_every_answer(rendered: Rendered):
    assert [name for name in QUESTIONS if name not in rendered.answers] == []
    assert {name: rendered.answers[name] for name in rendered.config} == rendered.config


def test_no_template_syntax_is_left(rendered: Rendered):
    leftovers = [
        f"{path.relative_to(rendered.by_copier)}:{number}: {line.strip()}"
        for path in sorted(rendered.by_copier.rglob("*"))
        if path.is_file()
        for number, line in enumerate(text_lines(path), start=1)
        if LEFTOVER_TEMPLATE_SYNTAX.search(line)
    ]
    assert leftovers == []


def test_the_design_doc_is_written_from_the_preset_s_code_and_the_answers(rendered: Rendered):
    doc = (rendered.by_copier / "docs" / "design-doc.md").read_text()
    blocks = dict(DESIGN_BLOCK.findall(doc))
    assert set(blocks) >= {"tables", "features", "ladder", "gate", "serving", "monitoring"}
    assert all(body.strip() for body in blocks.values())
    facts = json.loads((DESIGN_FACTS / f"{rendered.answers['use_case']}.json").read_text())
    assert [
        f["name"] for f in facts["features"] if f"`{f['name']}`" not in blocks["features"]
    ] == []
    if rendered.answers["serving"] == "batch":  # no gateway: no latency budget, only the batch
        assert "latency_budget_ms" not in blocks["serving"]
        assert "`serving.batch_chunk: 1000`" in blocks["serving"]
    else:
        budget = rendered.answers["latency_budget_ms"]
        assert f"`serving.latency_budget_ms: {budget}`" in blocks["serving"]


def text_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return []


def test_the_files_are_those_the_template_and_the_presets_table_describe(rendered: Rendered):
    assert files(rendered.by_cookiecutter) == expected_files(rendered.answers)
    assert files(rendered.by_copier) == expected_files(rendered.answers) | {ANSWERS_FILE}


def test_the_preset_shaped_the_tree(rendered: Rendered):
    project, answers = rendered.by_copier, rendered.answers
    preset = PRESETS[answers["use_case"]]
    full = answers["scaffold"] == "full"
    assert not (project / OVERLAY).exists()
    assert not list(project.glob("*.skipped"))
    assert (project / "src" / answers["package_name"] / "__init__.py").is_file() == full
    assert (project / "docs" / "design-doc.md").is_file()
    assert (project / "config" / "pipeline.yaml").is_file()
    for module in OPTIONAL_MODULES:
        path = project / module.format(package=answers["package_name"])
        assert path.exists() == (full and module in preset.keeps), module
    assert (project / ".github").exists() == (full and answers["ci"] == "github")
    assert (project / ".gitlab-ci.yml").exists() == (full and answers["ci"] == "gitlab")


@pytest.mark.parametrize("check", [["check"], ["format", "--check"]], ids=" ".join)
def test_ruff_finds_nothing_to_fix(rendered: Rendered, check: list[str]):
    result = subprocess.run(
        [str(BIN / "ruff"), *check, "--no-cache", "."],
        cwd=rendered.by_copier,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_post_gen_hook_run_again_changes_nothing(
    rendered: Rendered, engines: Engines, tmp_path
):
    project = shutil.copytree(rendered.by_copier, tmp_path / "project")
    before = snapshot(project)
    namespace = {name: rendered.answers[name] for name in QUESTIONS} | {"__answers": ANSWERS_FILE}
    hook = engines.template / "hooks" / "post_gen_project.py"
    subprocess.run([sys.executable, str(hook), json.dumps(namespace)], cwd=project, check=True)
    assert snapshot(project) == before


def test_the_reserved_names_cover_every_module_the_project_imports(rendered: Rendered):
    project = rendered.by_copier
    own = {rendered.answers["package_name"], "__future__"}
    own |= {path.stem for path in (project / "tests").rglob("*.py")}
    imported = {
        name.split(".")[0]
        for path in project.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        for name in imported_modules(node)
    }
    missing = sorted(imported - own - set(RESERVED_NAMES))
    assert missing == [], "add them to RESERVED_NAMES (hooks/answers.py) and copier.yml"


def imported_modules(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    return []

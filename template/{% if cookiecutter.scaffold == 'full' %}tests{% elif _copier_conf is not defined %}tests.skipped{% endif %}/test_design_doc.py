"""docs/design-doc.md is held against the code: `design check` finds the new doc in step
with it, names every disagreement it is shown, and `design sync` rewrites the generated
parts; the ML Test Score finds its evidence on disk."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from {{ cookiecutter.package_name }}.cli import app
from {{ cookiecutter.package_name }}.config import Config
from {{ cookiecutter.package_name }}.design.blocks import read_blocks
from {{ cookiecutter.package_name }}.design.capacity import Measured, measure
from {{ cookiecutter.package_name }}.design.capacity import render as capacity_table
from {{ cookiecutter.package_name }}.design.check import DONE, INCONSISTENT, MEASURED, OPEN, check
from {{ cookiecutter.package_name }}.design.doc import read_items
from {{ cookiecutter.package_name }}.design.facts import code_facts
from {{ cookiecutter.package_name }}.design.render import render_blocks
from {{ cookiecutter.package_name }}.design.rubric import TESTS, score

from conftest import PROJECT

DOC = PROJECT / "docs" / "design-doc.md"


def findings_of(text: str, config: Config) -> list:
    config_path = config.root / "config" / "pipeline.yaml"
    return check(text, DOC.parent, config_path, config, code_facts(config), "cli")


def inconsistent(text: str, config: Config) -> list:
    return [f for f in findings_of(text, config) if f.status == INCONSISTENT]


@pytest.fixture
def evaluated(trained) -> Config:
    """A project whose last evaluation says which metrics are computed."""
    config, _ = trained
    return config


def test_the_new_doc_agrees_with_the_code_and_its_last_evaluation(evaluated):
    findings = findings_of(DOC.read_text(), evaluated)
    disagreements = [f"{f.what}: {f.detail}" for f in findings if f.status == INCONSISTENT]
    assert not disagreements, (
        f"docs/design-doc.md disagrees with the code: {disagreements}; run `design sync` "
        "(in mlsd-template itself: refresh hooks/design_facts with docs/design_facts.py)"
    )
    compared = set(render_blocks(evaluated, code_facts(evaluated))) - {MEASURED}
    assert {f.what for f in findings if f.status == DONE} >= {
        f"generated `{name}`" for name in compared
    }


def test_every_generated_block_is_filled_in_the_new_doc():
    blocks = read_blocks(DOC.read_text())
    assert blocks and all(block.body.strip() for block in blocks.values())


def test_a_threshold_edited_in_the_doc_is_inconsistent_and_sync_restores_it(evaluated, tmp_path):
    text = DOC.read_text()
    assert "`promotion.min_improvement: " in text
    edited = text.replace("`promotion.min_improvement: ", "`promotion.min_improvement: 9", 1)
    (found,) = inconsistent(edited, evaluated)
    assert found.what == "generated `gate`" and "promotion.min_improvement: 9" in found.detail
    assert "design sync" in found.detail
    doc = tmp_path / "design-doc.md"
    doc.write_text(edited)
    from {{ cookiecutter.package_name }}.design.sync import sync

    changed, missing = sync(doc, evaluated, code_facts(evaluated))
    assert "gate" in changed and not missing
    assert read_blocks(doc.read_text())["gate"].body == read_blocks(text)["gate"].body


def test_a_feature_table_that_differs_from_the_views_is_inconsistent(evaluated):
    text = DOC.read_text()
    body = read_blocks(text)["features"].body
    first_row = next(line for line in body.splitlines() if line.startswith("| `"))
    (found,) = inconsistent(text.replace(first_row + "\n", "", 1), evaluated)
    assert found.what == "generated `features`" and "features/definitions.py" in found.detail


def test_a_value_stated_outside_the_generated_parts_is_held_against_the_config(evaluated):
    text = DOC.read_text() + "\nWe keep `training.test_days: 99999` days.\n"
    (found,) = inconsistent(text, evaluated)
    assert found.what == "`training.test_days`" and "99999" in found.detail
    (unknown,) = inconsistent(DOC.read_text() + "\n`training.no_such_key: 1`\n", evaluated)
    assert "has no `training.no_such_key`" in unknown.detail


def test_a_metric_the_evaluation_does_not_compute_is_inconsistent(evaluated):
    computed = code_facts(evaluated).metrics
    assert computed, "the trained project's evaluation names its metrics"
    stranger = next(m for m in ("mean_rank", "rmse", "roc_auc") if m not in computed)
    (found,) = inconsistent(DOC.read_text() + f"\nWe watch `{stranger}`.\n", evaluated)
    assert found.what == f"metric `{stranger}`" and computed[0] in found.detail


def test_a_link_to_a_missing_file_is_inconsistent(evaluated):
    text = DOC.read_text() + "\nSee [the old model](../src/no_such_module.py).\n"
    (found,) = inconsistent(text, evaluated)
    assert found.what == "link ../src/no_such_module.py"


def test_a_deleted_block_is_inconsistent(evaluated):
    text = DOC.read_text()
    start, end = text.index("<!-- design:ladder -->"), text.index("<!-- /design:ladder -->")
    cut = text[:start] + text[end + len("<!-- /design:ladder -->") :]
    (found,) = inconsistent(cut, evaluated)
    assert found.what == "generated `ladder`" and found.detail.startswith("missing")


def question(mark: str, answer: str) -> str:
    """A design-doc item as the template writes it, ticked or not, answered or not."""
    item = f"- [{mark}] **Goal:** which metric?\n  **Answer:** {answer}\n"
    return f"## 1. Clarify requirements\n\n{item}"


def test_a_question_is_open_until_answered_and_ticked(evaluated):
    def status(text: str) -> str:
        (item,) = [f for f in findings_of(text, evaluated) if f.what.endswith("/ Goal")]
        return item.status

    assert status(question(" ", "_open_")) == OPEN
    assert status(question("x", "_open_")) == OPEN
    assert status(question(" ", "cut churn by 2 points")) == OPEN
    assert status(question("x", "cut churn by 2 points")) == DONE


def test_the_preset_s_questions_are_items_with_an_answer_line():
    section = [i for i in read_items(DOC.read_text()) if i.section.startswith("Questions for")]
    assert section and all(item.answer is not None for item in section)


def test_every_automated_test_of_the_rubric_finds_its_evidence_in_a_new_project():
    missing = [
        f"{test.section} {test.number}: {', '.join(map(str, test.automated))}"
        for test in TESTS
        if test.automated and test.evidence(PROJECT) is None
    ]
    assert not missing


def test_the_rubric_loses_a_point_when_its_evidence_goes_and_counts_an_answer_as_half(tmp_path):
    shutil.copytree(PROJECT / "tests", tmp_path / "tests")
    for name in ("src", "config", "README.md"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    items: list = []  # only what is on disk counts
    skew = next(t for t in TESTS if t.section == "monitoring" and t.number == 3)
    before = {m.test: m.points for m in score(tmp_path, items)}
    (tmp_path / "tests" / "test_skew.py").unlink()
    after = {m.test: m.points for m in score(tmp_path, items)}
    assert before[skew] == 1.0 and after[skew] == 0.0
    canary = next(t for t in TESTS if t.by_hand == ("Rollout",))
    answered = read_items("## Rollout\n\n- [x] **Rollout:** how?\n  **Answer:** shadow, then 5%\n")
    assert after[canary] == 0.0
    assert {m.test: m.points for m in score(tmp_path, answered)}[canary] == 0.5


def test_design_check_exits_non_zero_naming_the_disagreement(evaluated, tmp_path):
    config_path = evaluated.root / "config" / "pipeline.yaml"
    doc = tmp_path / "docs" / "design-doc.md"
    doc.parent.mkdir()
    doc.write_text(
        DOC.read_text().replace("`promotion.min_improvement: ", "`promotion.min_improvement: 7", 1)
    )
    result = CliRunner().invoke(
        app, ["design", "check", "--config", str(config_path), "--doc", str(doc)]
    )
    assert result.exit_code == 1
    assert "inconsistent  generated `gate`" in result.output
    assert "ML Test Score" in result.output and "→ score" in result.output
    missing = CliRunner().invoke(
        app, ["design", "check", "--doc", str(tmp_path / "none.md"), "--config", str(config_path)]
    )
    assert missing.exit_code == 2 and "not found" in missing.output


def test_capacity_is_measured_from_the_store_and_the_bench_and_never_inconsistent(evaluated):
    from {{ cookiecutter.package_name }}.features.definitions import VIEWS

    measured = measure(evaluated)
    assert measured.views == len(VIEWS) and measured.bytes_per_row > 0
    assert measured.throughput is None  # no `make bench` in this project
{%- if cookiecutter.serving == 'batch' %}
    table = capacity_table(evaluated, Measured(None, None, 100.0, 2, 80.0))
    assert "| batch scores, per million rows written | 80.0 MB (80 bytes per row) |" in table
    assert "replica" not in table and "prediction log" not in table
{%- else %}
    qps = evaluated.serving["target_qps"]
    table = capacity_table(evaluated, Measured(qps / 2, 200.0, 100.0, 2, 80.0))
    assert f"| replicas for the peak of `serving.target_qps: {qps}` | 4 " in table
{%- endif %}
    text = DOC.read_text()
    body = read_blocks(text)["capacity"].body
    by_name = {f.what: f for f in findings_of(text.replace(body, table + "\n"), evaluated)}
    assert by_name["generated `capacity`"].status == DONE
    unmeasured = capacity_table(evaluated, Measured(None, None, None, None))
    by_name = {f.what: f for f in findings_of(text.replace(body, unmeasured + "\n"), evaluated)}
    assert by_name["generated `capacity`"].status == OPEN

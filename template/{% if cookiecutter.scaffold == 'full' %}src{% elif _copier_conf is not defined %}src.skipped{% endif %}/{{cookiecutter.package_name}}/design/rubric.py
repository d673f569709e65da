"""The project scored against the ML Test Score (Breck et al., "The ML Test Score: A Rubric
for ML Production Readiness and Technical Debt Reduction", IEEE Big Data 2017).

Each of its 28 tests gets 1 when the project automates it (the evidence is a file holding a
test or a mechanism, found on disk), 0.5 when it is done by hand (a question of the design
doc answered and ticked), 0 otherwise. A section's score is the sum of its tests; the
project's score is its weakest section's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .doc import Item

PACKAGE = f"src/{(__package__ or '').rpartition('.')[0]}"


@dataclass(frozen=True)
class Probe:
    """`path` (from the project root) exists and holds `needle`."""

    path: str
    needle: str = ""

    def holds(self, root: Path) -> bool:
        file = root / self.path
        try:
            return file.is_file() and self.needle in file.read_text(errors="replace")
        except OSError:
            return False

    def __str__(self) -> str:
        return f"{self.path}: {self.needle.removeprefix('def ')}" if self.needle else self.path


@dataclass(frozen=True)
class Test:
    section: str
    number: int
    title: str
    automated: tuple[Probe, ...] = ()  # all must hold
    by_hand: tuple[str, ...] = ()  # titles of design-doc items, any answered one counts
    # how a project that only scores in batch (no gateway) automates it; all must hold
    in_batch: tuple[Probe, ...] = ()

    def evidence(self, root: Path) -> tuple[Probe, ...] | None:
        """The probes that hold for the project at `root`, if either set does."""
        for probes in (self.automated, self.in_batch):
            if probes and all(probe.holds(root) for probe in probes):
                return probes
        return None


def test(path: str, name: str) -> Probe:
    return Probe(f"tests/{path}", f"def {name}")


TESTS = (
    Test(
        "data",
        1,
        "feature expectations are captured in a schema",
        (
            Probe(f"{PACKAGE}/entities.py", "TableSchema("),
            test("test_schema.py", "test_a_missing_column_is_named_with_the_mapping_that_fixes_it"),
        ),
    ),
    Test("data", 2, "all features are beneficial", by_hand=("Feature value",)),
    Test("data", 3, "no feature costs more than it brings", by_hand=("Feature value",)),
    Test("data", 4, "features adhere to meta-level requirements", by_hand=("Privacy",)),
    Test(
        "data",
        5,
        "the data pipeline has appropriate privacy controls",
        by_hand=("Retention and deletion",),
    ),
    Test(
        "data",
        6,
        "new features can be added quickly",
        (
            Probe("README.md", "Add a feature"),
            test("test_feature_views.py", "test_a_snapshot_counts_the_window_of_days_before_it"),
        ),
    ),
    Test(
        "data",
        7,
        "all input feature code is tested",
        (
            test("test_feature_views.py", "test_an_attribute_view_keeps_each_version"),
            test("test_point_in_time.py", "test_deleting_the_future_does_not_change_the_past"),
        ),
    ),
    Test(
        "model",
        1,
        "model specs are reviewed and submitted",
        (
            Probe("config/pipeline.yaml", "models:"),
            test("test_registry.py", "test_versions_count_up_and_aliases_point_at_them"),
        ),
    ),
    Test(
        "model",
        2,
        "offline proxy metrics correlate with online metrics",
        by_hand=("Offline–online agreement",),
    ),
    Test("model", 3, "all hyperparameters have been tuned", by_hand=("Hyperparameters",)),
    Test("model", 4, "the impact of model staleness is known", by_hand=("Retraining cadence",)),
    Test(
        "model",
        5,
        "a simpler model is not better",
        (
            test("test_promotion.py", "test_a_model_that_loses_to_the_heuristic_never_serves"),
            test("test_promotion.py", "test_a_win_smaller_than_the_margin_keeps_the_baseline"),
        ),
    ),
    Test("model", 6, "model quality is sufficient on important data slices", by_hand=("Slices",)),
    Test(
        "model",
        7,
        "the model is tested for considerations of inclusion",
        by_hand=("Fairness and harm",),
    ),
    Test(
        "infrastructure",
        1,
        "training is reproducible",
        (
            test("test_ingest.py", "test_the_sample_data_is_reproducible"),
            test("test_registry.py", "test_a_loaded_version_scores_as_it_did_when_registered"),
        ),
    ),
    Test(
        "infrastructure",
        2,
        "model specs are unit tested",
        (
            test("test_train.py", "test_a_bad_parameter_is_a_config_error"),
            test("test_compiled_model.py", "test_compiled_scores_equal_scikit_learns"),
        ),
    ),
    Test(
        "infrastructure",
        3,
        "the ML pipeline is integration tested",
        (
            test("test_runs.py", "test_the_offline_loop_promotes_a_champion_and_reports_why"),
            test("test_runs.py", "test_a_run_killed_at_each_step_then_run_again"),
        ),
    ),
    Test(
        "infrastructure",
        4,
        "model quality is validated before serving",
        (
            Probe(f"{PACKAGE}/offline/promotion.py", "def decide"),
            test("test_registry.py", "test_a_file_changed_after_registering_is_refused"),
        ),
    ),
    Test(
        "infrastructure",
        5,
        "the model can be debugged on a single example",
        (test("test_compiled_model.py", "test_one_row_scores_as_it_does_inside_a_frame"),),
    ),
    Test("infrastructure", 6, "models are canaried before serving", by_hand=("Rollout",)),
    Test(
        "infrastructure",
        7,
        "serving models can be rolled back",
        (
            test("test_gateway_faults.py", "test_a_new_champion_is_served_without_a_restart"),
            test("test_gateway_faults.py", "test_a_broken_new_champion_is_refused"),
        ),
        in_batch=(
            test("test_batch_scoring.py", "test_the_next_run_scores_with_the_champion_rolled_back"),
            test("test_batch_scoring.py", "test_a_broken_champion_stops_a_run_before_it_scores"),
        ),
    ),
    Test("monitoring", 1, "dependency changes result in notification", by_hand=("Sources",)),
    Test(
        "monitoring",
        2,
        "data invariants hold for training and serving inputs",
        (
            test("test_schema.py", "test_a_bad_number_names_the_row"),
            test("test_gateway_inputs.py", "test_fields_of_the_wrong_kind_are_refused"),
        ),
        in_batch=(
            test("test_schema.py", "test_a_bad_number_names_the_row"),
            test("test_batch_scoring.py", "test_a_request_the_endpoint_refuses_is_counted_and"),
        ),
    ),
    Test(
        "monitoring",
        3,
        "training and serving features compute the same values",
        (test("test_skew.py", "test_every_view_online_equals_offline_at_the_materialized"),),
    ),
    Test("monitoring", 4, "models are not too stale", by_hand=("Retraining policy",)),
    Test(
        "monitoring",
        5,
        "the model is numerically stable",
        (
            test("test_gateway_inputs.py", "test_a_number_that_is_not_finite_is_refused"),
            test("test_model_inputs.py", "test_a_missing_value_and_an_unknown_entity_get"),
        ),
        in_batch=(
            test("test_batch_scoring.py", "test_a_score_that_is_not_finite_is_refused_not_written"),
            test("test_model_inputs.py", "test_a_missing_value_and_an_unknown_entity_get"),
        ),
    ),
    Test(
        "monitoring",
        6,
        "no regression in training speed, serving latency, throughput or RAM",
        by_hand=("Latency split", "Run time"),
    ),
    Test(
        "monitoring",
        7,
        "no regression in prediction quality on served data",
        by_hand=("Concept drift",),
    ),
)
SECTIONS = ("data", "model", "infrastructure", "monitoring")


@dataclass(frozen=True)
class Mark:
    test: Test
    points: float
    evidence: str


def score(root: Path, items: Iterable[Item]) -> list[Mark]:
    answered = {item.title: item for item in items if item.ticked and item.answered}
    marks = []
    for entry in TESTS:
        evidence = entry.evidence(root)
        if evidence:
            marks.append(Mark(entry, 1.0, "; ".join(map(str, evidence))))
            continue
        done = [answered[title] for title in entry.by_hand if title in answered]
        if done:
            marks.append(Mark(entry, 0.5, f"by hand: docs/design-doc.md:{done[0].line}"))
            continue
        missing = [str(probe) for probe in entry.automated if not probe.holds(root)]
        needed = missing or [f"answer “{title}” in the design doc" for title in entry.by_hand]
        marks.append(Mark(entry, 0.0, "missing: " + "; ".join(needed)))
    return marks


def section_scores(marks: list[Mark]) -> dict[str, float]:
    return {name: sum(m.points for m in marks if m.test.section == name) for name in SECTIONS}


def reading(final: float) -> str:
    """What a final score says, in the paper's bands."""
    if final == 0:
        return "a research project more than a production system"
    if final <= 1:
        return "not untested, but expect serious holes in reliability"
    if final <= 2:
        return "a first pass at production; more investment is needed"
    if final <= 3:
        return "reasonably tested; more of the tests and procedures could be automated"
    if final <= 5:
        return "strong automated testing and monitoring, fit for a critical system"
    return "exceptional automated testing and monitoring"

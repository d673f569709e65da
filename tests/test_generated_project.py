"""The default project of each use case keeps the promise of its Makefile: it sets itself up,
is lint-clean, passes its own tests and runs its demo to a promotion decision; on each
Python version the questions allow, and after a switch to a team's own files."""

from __future__ import annotations

import json
import re
import subprocess
import warnings
from contextlib import ExitStack
from pathlib import Path

import pytest
import yaml

from hooks.presets import PRESETS
from tests import services
from tests import updating as updates
from tests.engines import Engines, project_environment
from tests.releases import git, releases
from tests.team_edits import customize

pytestmark = pytest.mark.generated

PROMOTION_DECISION = re.compile(r"\b(heuristic|baseline|challenger) serves: ")
TARGET_TIMEOUT_SECONDS = 900


def make(project: Path, target: str, *variables: str, **extra_environment: str) -> str:
    environment = project_environment() | extra_environment
    result = subprocess.run(
        ["make", target, *variables],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TARGET_TIMEOUT_SECONDS,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"make {target} failed:\n{output[-6000:]}"
    return output


# Each newer Python gets one preset's whole check, cycled rather than multiplied: the
# generated code is the same for every version, and every version gets a full run.
PYTHON_OF_PRESET = {"recommendation": "3.12", "content-moderation": "3.13"}


def interpreter(version: str) -> str | None:
    """A working `python<version>`: on PATH, or installed by pyenv but not activated."""
    candidates = [f"python{version}"]
    candidates += sorted(
        str(path) for path in Path.home().glob(f".pyenv/versions/{version}*/bin/python{version}")
    )
    for candidate in candidates:
        try:
            probe = subprocess.run(
                [candidate, "-c", VERSION_PROBE], capture_output=True, text=True, check=False
            )
        except FileNotFoundError:
            continue
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


VERSION_PROBE = "import sys; print('%d.%d' % sys.version_info[:2])"


# One preset's whole check runs on a project generated from the oldest release, edited as a
# team does and updated to this work tree with copier (conflicts resolved by keeping the
# team's side): an update leaves a project that sets up, lints, tests and runs its demo.
# tests/test_updates.py checks the merge itself, from every release, with both engines.
UPDATED_PRESET = "feed-ranking"
# similar-items' project starts as a team's design doc alone (`scaffold: design-doc-only`),
# answered, then grows into the full project with `copier update --data scaffold=full`
# (tests/test_scaffold.py checks that merge with both engines).
GROWN_PRESET = "similar-items"
# recommendation's project keeps its online store in Redis (`feature_store: redis`): its
# demo runs against a redis-server started here, its tests start their own.
REDIS_PRESET = "recommendation"
# people-you-may-know's keeps its model versions in MLflow (`registry: mlflow`), a SQLite
# tracking store in the project: its demo promotes and serves the champion from there.
MLFLOW_PRESET = "people-you-may-know"
# recommendation's also scores in batch (`serving: both`): its demo ends with a batch run
# of every stored user, whose ranked lists land in that Redis beside the scores in the lake.
BATCH_PRESET = "recommendation"
# content-moderation's only scores in batch (`serving: batch`): no gateway, and its demo
# ends with a batch run of every post, which `monitor` then reads.
BATCH_ONLY_PRESET = "content-moderation"
# search-ranking's keeps its features in a Feast repository (`feature_store: feast`): its
# training sets come from Feast's historical retrieval, its gateway reads Feast's online
# store, and its tests run the store contract on Feast with SQLite and with Redis.
FEAST_PRESET = "search-ranking"
# people-you-may-know's runs with PYTHONDONTWRITEBYTECODE=1, as in many container images
# (the others run without it, tests/engines.py): its `make setup` compiles the bytecode once.
BYTECODE_PRESET = "people-you-may-know"
# ad-click-prediction's installs with pip, as on a machine without uv: the others' `make setup`
# use the uv of this repository's environment (tests/engines.py), the Makefile's fast path.
PIP_PRESET = "ad-click-prediction"
# eta-regression's computes its feature views on Spark (`compute: spark`, local mode): its
# demo's features step runs there, and its tests compare Spark's views with DuckDB's. It
# scores in batch too (`serving: both`): its demo's batch run goes to Spark's executors.
SPARK_PRESET = "eta-regression"


def updated_team_project(engines: Engines, repository: Path, folder: Path, use_case: str) -> Path:
    release = releases()[0]  # the oldest: the update crosses every release since
    answers = updates.team_answers(use_case)
    project = updates.generate(engines, "copier", repository, release.commit, answers, folder)
    updates.commit_everything(project, f"generated from {release.tag}")
    edits = customize(project, updates.PACKAGE)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "the team's edits")
    result = updates.update(engines, "copier", project, branch="")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(project.rglob("*.rej"))
    for name in updates.files_with_conflicts(project):
        updates.keep_our_side(project / name)
    for edit in edits:
        assert edit.kept in (project / edit.path).read_text(), edit
    return project


def grown_team_project(engines: Engines, repository: Path, folder: Path, use_case: str) -> Path:
    answers = updates.team_answers(use_case, scaffold="design-doc-only")
    project = updates.generate(engines, "copier", repository, "HEAD", answers, folder)
    updates.commit_everything(project, "the design, generated")
    updates.answer_a_question(project / "docs" / "design-doc.md", "Business objective", GOAL)
    git(project, "commit", "-q", "-am", "the team's answer")
    result = updates.update_answers(engines, "copier", project, "", {"scaffold": "full"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert not updates.files_with_conflicts(project)
    return project


GOAL = "more add-to-basket from product pages"
BATCH_RUN = re.compile(r"batch run v\d+-\w+: [\d,]+ requests, [\d,]+ rows, 0 refused")
RANKED_ANSWERS = re.compile(r"; [\d,]+ ranked answers in the online store")
BATCH_ON_SPARK = re.compile(r"on Spark: \d+ parts? in \d+ tasks?, master local")


@pytest.mark.parametrize("use_case", list(PRESETS))
def test_setup_lint_test_and_demo_succeed(
    engines: Engines, repository: Path, tmp_path: Path, use_case: str
):
    """The README's two commands, lint and the project's own tests, for every preset.

    classification also runs a cut-down `make bench` (so that it cannot rot; the figures
    come from this repository's `make bench`, docs/benchmarks.md), and then switches to a
    team's own files as the README says: `run` and `make test` stay green, since the tests
    bring their own data. feed-ranking's project is a team's, updated from the oldest
    release (UPDATED_PRESET); similar-items' grew from a design doc alone (GROWN_PRESET).
    Each project's design doc agrees with its code after the demo (`make design`)."""
    project = tmp_path / "project"
    version = PYTHON_OF_PRESET.get(use_case)
    python = interpreter(version) if version else None
    if version and python is None:
        warnings.warn(f"no Python {version} here: {use_case} runs on the default", stacklevel=1)
    answers = {"use_case": use_case, **({"python_version": version} if python else {})}
    if use_case == REDIS_PRESET:
        answers["feature_store"] = "redis"
    if use_case == MLFLOW_PRESET:
        answers["registry"] = "mlflow"
    if use_case == BATCH_PRESET:
        answers["serving"] = "both"
    if use_case == BATCH_ONLY_PRESET:
        answers["serving"] = "batch"
    if use_case == SPARK_PRESET:
        answers["compute"] = "spark"
        answers["serving"] = "both"
    if use_case == FEAST_PRESET:
        answers["feature_store"] = "feast"
    if use_case == UPDATED_PRESET:
        project = updated_team_project(engines, repository, tmp_path / "team", use_case)
    elif use_case == GROWN_PRESET:
        project = grown_team_project(engines, repository, tmp_path / "team", use_case)
    else:
        rendered = engines.copier(project, answers)
        assert rendered.returncode == 0, rendered.stderr
    # what this check's `make` runs with besides the machine's environment
    environment = {"UV": ""} if use_case == PIP_PRESET else {}
    if use_case == BYTECODE_PRESET:
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
    version_variable = [f"PYTHON={python}"] if python else []
    setup = make(project, "setup", *version_variable, **environment)
    assert ("uv pip install" in setup) == (use_case != PIP_PRESET), setup[-3000:]
    if use_case == BYTECODE_PRESET:  # compiled at setup: no command compiles its imports again
        assert list(project.glob(".venv/lib/python*/site-packages/sklearn/__pycache__/*.pyc"))
    if python:
        venv_python = str(project / ".venv" / "bin" / "python")
        probe = subprocess.run(
            [venv_python, "-c", VERSION_PROBE], capture_output=True, text=True, check=True
        )
        assert probe.stdout.strip() == version
    make(project, "lint", **environment)
    if use_case == "classification":
        check_the_bench(project)
    if use_case == BATCH_ONLY_PRESET:
        check_the_batch_bench(project)
    with ExitStack() as backends:
        servers = {}
        if use_case == REDIS_PRESET:
            servers["REDIS_URL"] = backends.enter_context(services.redis_server())
        demo = make(project, "demo", **servers, **environment)
        assert PROMOTION_DECISION.search(demo), demo[-3000:]
        if use_case == REDIS_PRESET:  # the demo's gateway served from what it materialized there
            assert services.redis_key_count(servers["REDIS_URL"]) > 0
        if use_case == BATCH_PRESET:  # its ranked lists went to that Redis too
            assert BATCH_RUN.search(demo) and RANKED_ANSWERS.search(demo), demo[-3000:]
        if use_case == BATCH_ONLY_PRESET:  # scored, then monitored, without a gateway
            assert BATCH_RUN.search(demo) and "[serve]" not in demo, demo[-3000:]
            assert "batch-scored rows vs" in demo, demo[-3000:]
        if use_case == SPARK_PRESET:
            assert BATCH_RUN.search(demo) and BATCH_ON_SPARK.search(demo), demo[-3000:]
            assert "on Spark, master local[*]" in demo, demo[-3000:]
    if use_case == FEAST_PRESET:  # the demo's views went through Feast's registry and store
        feast = project / "data" / "feature_store" / "feast"
        assert (feast / "registry.db").is_file() and (feast / "online.db").is_file()
    if use_case == MLFLOW_PRESET:  # the champion the demo served is MLflow's
        assert (project / "models" / "mlflow.db").is_file()
        assert list((project / "models" / "mlflow-cache").glob("*/versions/*/model.json"))
    if use_case == UPDATED_PRESET:  # its team tuned a feature window: the doc follows on sync
        cli = project / ".venv" / "bin" / updates.team_answers(use_case)["project_slug"]
        synced = subprocess.run(
            [str(cli), "design", "sync"], cwd=project, capture_output=True, text=True, check=False
        )
        assert synced.returncode == 0, synced.stdout + synced.stderr
        assert "rewrote features" in synced.stdout, synced.stdout
    design = make(project, "design", **environment)  # the doc against the code, as CI runs it
    assert " 0 inconsistent" in design and "→ score" in design, design[-3000:]
    if use_case == GROWN_PRESET:
        assert re.search(r"done +1\. Clarify requirements / Business objective .*answered", design)
    if use_case == "classification":
        switch_to_team_files(project)
        assert "ignored columns not in its schema: their_note" in make(project, "run")
        add_a_feature_as_the_readme_says(project)
    if use_case == "eta-regression":
        run = switch_to_a_snapshot_as_the_readme_says(project)
        assert "lake table snapshot: 3,000 rows" in run, run[-3000:]
        assert PROMOTION_DECISION.search(run), run[-3000:]
    make(project, "test", **environment)


def check_the_batch_bench(project: Path) -> None:
    """A project without a gateway measures its batch run instead of a service."""
    make(project, "bench", "BENCH=--rounds 1 --sizes 1 --skip-feast")
    report = (project / "reports" / "benchmarks.md").read_text()
    assert "| batch |" in report and "| naive |" in report and "| service |" not in report
    assert re.search(r"Batch run / naive: \*\*\d+\.\dx\*\*", report), report


def check_the_bench(project: Path) -> None:
    quick = "--rounds 1 --seconds 1 --sizes 1 --skip-feast"
    make(project, "bench", f"BENCH={quick}")
    report = (project / "reports" / "benchmarks.md").read_text()
    assert "| service |" in report and "| naive |" in report and "| no-op |" in report
    assert "## Targets" in report
    assert re.search(r"\| 1x \| ingest \| [1-9][\d,]* \|", report), report  # its raw rows
    assert re.search(r"\| --help \| \d+\.\d\d \|", report), report  # how fast the CLI starts


# A team's own files: the sample written as CSV, one column renamed (mapped back in the
# config) and one extra column (ignored), as `python -` runs it in the project's venv.
WRITE_TEAM_FILES = """
import json, sys
from pathlib import Path
from {package}.entities import TABLES
from {package}.sample_data import generate
tables, specs = generate(), {{}}
for index, (name, frame) in enumerate(tables.items()):
    key = TABLES[name].columns[0].name
    path = Path("data/raw") / f"{{name}}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.rename(columns={{key: "their_" + key}}).assign(their_note="x").to_csv(path, index=False)
    specs[name] = {{"path": str(path), "columns": {{"their_" + key: key}}}}
json.dump(specs, sys.stdout)
"""


def switch_to_team_files(project: Path) -> None:
    """What the README's "Bring your own data" says to do, on the project's config."""
    python = project / ".venv" / "bin" / "python"
    script = WRITE_TEAM_FILES.format(package="my_ml_system")
    written = subprocess.run(
        [str(python), "-"], input=script, cwd=project, capture_output=True, text=True, check=False
    )
    assert written.returncode == 0, written.stderr
    config_path = project / "config" / "pipeline.yaml"
    config = yaml.safe_load(config_path.read_text())
    config["data"] = {"source": "files", "tables": json.loads(written.stdout)}
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))


# One table of trips, shaped as the README's snapshot example names it.
WRITE_SNAPSHOT = """
import sys
from pathlib import Path
sys.path.insert(0, "tests")
from snapshot_data import trips_table, write_csv
names = {"pickup time": "pickup_at", "trip minutes": "trip_minutes"}
write_csv(trips_table().rename(columns=names), Path("data/raw/trips.csv"))
"""


def switch_to_a_snapshot_as_the_readme_says(project: Path) -> str:
    """The README's "Or one table": its YAML example, as written, on a trips table; the
    output of `make run`."""
    python = project / ".venv" / "bin" / "python"
    written = subprocess.run(
        [str(python), "-"], input=WRITE_SNAPSHOT, cwd=project, capture_output=True, text=True
    )
    assert written.returncode == 0, written.stderr
    readme = (project / "README.md").read_text()
    example = readme.split("### Or one table", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    config_path = project / "config" / "pipeline.yaml"
    config = yaml.safe_load(config_path.read_text())
    config["data"] = yaml.safe_load(example)["data"]
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    return make(project, "run")


def add_a_feature_as_the_readme_says(project: Path) -> None:
    """The README's "Add a feature": a `seats` column in the team's customers file, one
    line in the schema and one in the view; the next run trains and serves with it, and
    `design sync` writes it into the design doc."""
    customers = project / "data" / "raw" / "customers.csv"
    lines = customers.read_text().splitlines()
    seats = [f"{lines[0]},seats", *(f"{line},{3 + n % 40}" for n, line in enumerate(lines[1:]))]
    customers.write_text("\n".join(seats) + "\n")
    package = project / "src" / "my_ml_system"
    insert_after(
        package / "entities.py",
        'Column("region", "category", "sales region"),',
        'Column("seats", "float", "licensed seats", nullable=True),',
    )
    insert_after(
        package / "features" / "definitions.py",
        'Attribute("region", "region", default=UNKNOWN, model="categorical"),',
        'Attribute("seats", "seats", default=0.0, model="numeric"),',
    )
    make(project, "lint")
    make(project, "run")
    aliases = json.loads((project / "models" / "model" / "aliases.json").read_text())
    champion = project / "models" / "model" / "versions" / str(aliases["champion"])
    assert "seats" in json.loads((champion / "metadata.json").read_text())["features"]
    synced = subprocess.run(
        [str(project / ".venv" / "bin" / "my-ml-system"), "design", "sync"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert synced.returncode == 0 and "rewrote tables, features" in synced.stdout, synced.stdout
    assert "`seats`" in (project / "docs" / "design-doc.md").read_text()


def insert_after(path: Path, anchor: str, line: str) -> None:
    text = path.read_text()
    assert anchor in text, f"{path.name} no longer has {anchor!r}: update this test"
    indent = text.split(anchor)[0].rsplit("\n", 1)[-1]
    path.write_text(text.replace(anchor, f"{anchor}\n{indent}{line}", 1))

"""Changing answers on update (the CI provider and the license, the use case, the online
store and the registry) with copier and with cruft: the new answers' files arrive, and an
old answer's file that the team edited is kept with its edits and named; if not, it goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import updating as updates
from tests.engines import Engines
from tests.releases import git
from tests.team_edits import TEAM_SCHEDULE
from tests.updating import commit_everything, generate, team_answers

ANSWERS = team_answers("classification", license="MIT")
NEW_ANSWERS = {"ci": "gitlab", "license": "Apache-2.0"}
WORKFLOW = ".github/workflows/ci.yml"


def update_answers(
    engines: Engines, engine: str, project: Path, branch: str, new_answers=NEW_ANSWERS
):
    return updates.update_answers(engines, engine, project, branch, new_answers)


@pytest.mark.parametrize("engine", ["copier", "cruft"])
@pytest.mark.parametrize("edited", [True, False], ids=["workflow-edited", "workflow-untouched"])
def test_changing_the_ci_provider_keeps_an_edited_workflow(
    engines: Engines, repository: Path, tmp_path: Path, engine: str, edited: bool
):
    project = generate(engines, engine, repository, "HEAD", ANSWERS, tmp_path)
    commit_everything(project, "generated")
    if edited:
        workflow = project / WORKFLOW
        workflow.write_text(workflow.read_text().replace("\non:\n", "\non:\n" + TEAM_SCHEDULE))
        git(project, "commit", "-q", "-am", "the team's schedule")

    branch = git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip()
    result = update_answers(engines, engine, project, branch)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output

    assert (project / ".gitlab-ci.yml").is_file(), output
    assert "Apache License" in (project / "LICENSE").read_text(), output
    if edited:
        assert TEAM_SCHEDULE in (project / WORKFLOW).read_text(), output
        if engine == "copier":
            assert f"kept {WORKFLOW}: you edited it" in output, output
        else:  # cruft cannot merge a deletion into an edited file, and says so
            assert f"{WORKFLOW}: patch does not apply" in output, output
    else:
        assert not (project / WORKFLOW).exists(), output


def noted_project(
    engines: Engines, engine: str, repository: Path, answers, folder: Path, notes
) -> tuple[Path, str]:
    """A project generated from the work tree, in git, with a team's note at the end of each
    file of `notes`; and the branch an update takes."""
    project = generate(engines, engine, repository, "HEAD", answers, folder)
    commit_everything(project, "generated")
    for relative in notes:
        with (project / relative).open("a") as edited:
            edited.write("\n# the team's note\n")
    git(project, "commit", "-q", "-am", "the team's notes")
    return project, git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip()


# classification's own test of its sample, and a module that only the tabular presets keep
CLASSIFICATION_ONLY = ("tests/test_sample_parts.py", "src/team_project/offline/snapshot_set.py")


@pytest.mark.parametrize("engine", ["copier", "cruft"])
def test_changing_the_use_case_keeps_the_old_presets_edited_files(
    engines: Engines, repository: Path, tmp_path: Path, engine: str
):
    project, branch = noted_project(
        engines, engine, repository, ANSWERS, tmp_path, CLASSIFICATION_ONLY
    )
    result = update_answers(engines, engine, project, branch, {"use_case": "recommendation"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert (project / "src/team_project/online/rerank.py").is_file(), output  # recommendation's
    for relative in CLASSIFICATION_ONLY:
        assert "# the team's note" in (project / relative).read_text(), output
        if engine == "copier":
            assert f"kept {relative}: you edited it" in output, output


# The modules of the backends and of batch scoring, which a team edits once it runs on them.
BACKEND_FILES = (
    "src/team_project/feature_store/online_redis.py",
    "src/team_project/models/registry_mlflow.py",
    "src/team_project/online/batch_scoring.py",
    "src/team_project/offline/etl_spark.py",
)
ON_BACKENDS = {
    "feature_store": "redis",
    "registry": "mlflow",
    "compute": "spark",
    "serving": "both",
}
EMBEDDED = {
    "feature_store": "embedded",
    "registry": "local",
    "compute": "duckdb",
    "serving": "online",
}


@pytest.mark.parametrize("engine", ["copier", "cruft"])
def test_moving_to_real_backends_and_back_keeps_the_edited_backend_modules(
    engines: Engines, repository: Path, tmp_path: Path, engine: str
):
    project = generate(engines, engine, repository, "HEAD", ANSWERS, tmp_path)
    commit_everything(project, "generated")
    branch = git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip()

    result = update_answers(engines, engine, project, branch, ON_BACKENDS)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for name in (*BACKEND_FILES, "docker-compose.yml"):
        assert (project / name).is_file(), f"{name} missing\n{output}"
    config = (project / "config/pipeline.yaml").read_text()
    assert "backend: redis" in config and "backend: mlflow" in config, config
    assert "batch_chunk:" in config, config
    commit_everything(project, "on redis and mlflow")
    for name in BACKEND_FILES:
        with (project / name).open("a") as edited:
            edited.write("\n# the team's note\n")
    git(project, "commit", "-q", "-am", "the team's notes")

    result = update_answers(engines, engine, project, branch, EMBEDDED)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    config = (project / "config/pipeline.yaml").read_text()
    assert "online_store:" not in config and "backend: mlflow" not in config, output
    assert "batch_chunk:" not in config, output
    assert not (project / "docker-compose.yml").exists(), output
    for name in BACKEND_FILES:
        assert "# the team's note" in (project / name).read_text(), output
        if engine == "copier":
            assert f"kept {name}: you edited it" in output, output
        else:
            assert f"{name}: patch does not apply" in output, output


@pytest.mark.parametrize("engine", ["copier", "cruft"])
def test_moving_from_redis_to_feast_keeps_the_edited_redis_store_and_the_shared_redis_helper(
    engines: Engines, repository: Path, tmp_path: Path, engine: str
):
    """Redis and Feast share the local Redis helper (Feast's store may be Redis): it stays,
    the Redis store the team edited is kept, and the Feast modules arrive."""
    answers = {**ANSWERS, "feature_store": "redis"}
    redis_store = "src/team_project/feature_store/online_redis.py"
    project, branch = noted_project(engines, engine, repository, answers, tmp_path, [redis_store])
    result = update_answers(engines, engine, project, branch, {"feature_store": "feast"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for name in ("online_feast.py", "offline_feast.py", "feast_repo.py", "local_redis.py"):
        assert (project / "src/team_project/feature_store" / name).is_file(), output
    assert (project / "tests/test_feast_store.py").is_file(), output
    assert "backend: feast" in (project / "config/pipeline.yaml").read_text(), output
    assert "# the team's note" in (project / redis_store).read_text(), output


@pytest.mark.parametrize("engine", ["copier", "cruft"])
def test_moving_to_batch_only_keeps_the_edited_gateway_and_brings_batch_scoring(
    engines: Engines, repository: Path, tmp_path: Path, engine: str
):
    """`serving: batch` has no gateway: the gateway module the team edited stays (copier
    says so, cruft's patch does not apply), the others go, and batch scoring arrives with
    a `serving:` section that holds the batch settings alone."""
    gateway = "src/team_project/online/gateway.py"
    project, branch = noted_project(engines, engine, repository, ANSWERS, tmp_path, [gateway])
    result = update_answers(engines, engine, project, branch, {"serving": "batch"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert (project / "src/team_project/online/batch_scoring.py").is_file(), output
    assert (project / "tests/test_batch_scoring.py").is_file(), output
    assert not (project / "src/team_project/online/server.py").exists(), output
    assert "# the team's note" in (project / gateway).read_text(), output
    if engine == "copier":
        assert f"kept {gateway}: you edited it" in output, output
    config = (project / "config/pipeline.yaml").read_text()
    assert "batch_chunk:" in config and "reload_seconds:" not in config, config

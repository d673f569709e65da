import pytest
from typer.testing import CliRunner

from {{ cookiecutter.package_name }}.cli import app
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.models.registry import Registry

COMMANDS = [
    "ingest",
    "features",
    "train",
    "evaluate",
    "materialize",
    "run",
{%- if cookiecutter.serving != 'batch' %}
    "serve",
{%- endif %}
{%- if cookiecutter.serving != 'online' %}
    "score",
{%- endif %}
    "monitor",
    "demo",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_step_explains_itself(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--config" in result.output


def test_a_user_error_is_one_line_not_a_traceback(tmp_path):
    result = CliRunner().invoke(app, ["train", "--config", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    assert "error:" in result.output and "not found" in result.output
    assert "Traceback" not in result.output


def test_a_step_run_too_early_says_what_to_run_first(config, tmp_path):
    config_path = tmp_path / "config" / "pipeline.yaml"
    result = CliRunner().invoke(app, ["features", "--config", str(config_path)])
    assert result.exit_code == 2
    assert "run the `ingest` step" in result.output


@pytest.mark.parametrize(
    ("file_name", "damage"),
    [("model.json", b'{"format": 1}'), ("arrays.npz", b"cut"), ("metadata.json", b"{}")],
)
def test_a_tampered_model_stops_a_step_with_one_line_naming_the_file(
    served_project, file_name, damage
):
    config = load_config(served_project)
    champion = Registry(config.paths.registry).get("challenger")
    (champion.folder / file_name).write_bytes(damage)
    result = CliRunner().invoke(app, ["evaluate", "--config", str(served_project)])
    assert result.exit_code == 2, result.output
    assert file_name in result.output and "retrain" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1

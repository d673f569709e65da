"""Each command imports what it uses, where it uses it: `--help` loads none of the data
stack, and the steps that neither fit nor score a model load no model library. (`make
bench` times the difference against importing the whole loop.)"""

import subprocess
import sys

from {{ cookiecutter.package_name }}.config import load_config
{%- if cookiecutter.serving == 'batch' %}
from {{ cookiecutter.package_name }}.online.batch_scoring import score_batch
{%- else %}
from {{ cookiecutter.package_name }}.demo import serve_and_query
{%- endif %}

DATA_STACK = {"pandas", "numpy", "pyarrow", "duckdb"}
MODEL_LIBRARIES = {"sklearn", "scipy", "onnxruntime"}

# The CLI in a fresh interpreter; its last line of output names every top-level package
# the command imported.
RUN_AND_LIST_PACKAGES = """
import sys
from {{ cookiecutter.package_name }}.cli import app
code = 0
try:
    app(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(" ".join(sorted({name.partition(".")[0] for name in sys.modules})))
sys.exit(code)
"""


def packages_imported_by(*arguments: str) -> set[str]:
    finished = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_PACKAGES, *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return set(finished.stdout.strip().splitlines()[-1].split())


def test_help_loads_none_of_the_data_stack():
    assert not packages_imported_by("--help") & (DATA_STACK | MODEL_LIBRARIES)
    assert not packages_imported_by("train", "--help") & (DATA_STACK | MODEL_LIBRARIES)


def test_materialize_and_monitor_load_no_model_library(served_project):
{%- if cookiecutter.serving == 'batch' %}
    score_batch(load_config(served_project), lambda line: None)  # scores for the monitor
{%- else %}
    serve_and_query(load_config(served_project), 15)  # traffic for the monitor to read
{%- endif %}
    for step in ("materialize", "monitor"):
        loaded = packages_imported_by(step, "--config", str(served_project))
        assert "pandas" in loaded  # the check sees what the step imported
        assert not loaded & MODEL_LIBRARIES, f"`{step}` imports {sorted(loaded & MODEL_LIBRARIES)}"

"""The generated code is the same for every `python_version`: it must run on each of them.

The default (3.11) runs in test_generated_project.py; here the newer ones, with the
interpreter the answer names, wherever this machine has it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.engines import Engines
from tests.test_generated_project import make

pytestmark = pytest.mark.generated

NEWER_VERSIONS = ("3.12", "3.13")


def interpreter(version: str) -> str | None:
    """A working `python<version>`: on PATH, or installed by pyenv but not activated."""
    candidates = [f"python{version}"]
    candidates += sorted(
        str(path) for path in Path.home().glob(f".pyenv/versions/{version}*/bin/python{version}")
    )
    for candidate in candidates:
        try:
            probe = subprocess.run(
                [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True,
                text=True,
                check=False,
            )
        except FileNotFoundError:
            continue
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


@pytest.mark.parametrize("version", NEWER_VERSIONS)
def test_the_project_runs_on_the_python_it_targets(engines: Engines, tmp_path: Path, version):
    python = interpreter(version)
    if python is None:
        pytest.skip(f"no Python {version} on this machine")
    project = tmp_path / "project"
    answers = {"python_version": version, "use_case": "classification"}
    assert engines.copier(project, answers).returncode == 0
    make(project, "setup", f"PYTHON={python}")
    venv_python = project / ".venv" / "bin" / "python"
    version_of_venv = subprocess.run(
        [str(venv_python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version_of_venv == version
    # ruff targets the answered version; the end-to-end tests in `make test` run both
    # loops, and `make demo` itself is tested on the default version
    for target in ("lint", "test"):
        make(project, target)

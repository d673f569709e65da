"""The template's own Python (hooks/, tests/) is lint-clean; template/ holds Jinja and is
checked through the projects it renders (test_render_matrix.py)."""

from __future__ import annotations

import subprocess

import pytest

from tests.engines import BIN, REPO


@pytest.mark.parametrize(
    "check", [["check", "."], ["format", "--check", "--exclude", "*.md", "."]], ids=" ".join
)
def test_ruff_finds_nothing_to_fix(check: list[str]):
    result = subprocess.run(
        [str(BIN / "ruff"), *check], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr

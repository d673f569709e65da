"""Run the real engines, copier and cookiecutter, on a copy of this repository's template.

Both run as the command-line programs of the venv that runs the tests, with their user
settings isolated, so nothing from the machine's own configuration leaks into a test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# What the engines read from the repository; everything else (docs, tests, .git) stays out.
TEMPLATE_FILES = (
    "copier.yml",
    "cookiecutter.json",
    "hooks",
    "template",
    "{{cookiecutter.project_slug}}",
)


# What the outer `make` or machine sets that must not reach a generated project's own
# targets: make's flags (jobs, jobserver), our venv, and a machine-wide
# PYTHONDONTWRITEBYTECODE: the checks run as on a developer's machine, where bytecode is
# written at first import (one check sets it, as a container image does, and its setup
# compiles the bytecode instead: tests/test_generated_project.py).
NOT_FOR_PROJECTS = frozenset(
    {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"}
)


def project_environment() -> dict[str, str]:
    """This process's environment, as a generated project's `make` should get it: `make
    setup` installs with our uv, several times faster than pip (`UV=""`: with pip)."""
    environment = {k: v for k, v in os.environ.items() if k not in NOT_FOR_PROJECTS}
    environment["UV"] = str(BIN / "uv") if (BIN / "uv").is_file() else ""
    return environment


def copy_template(destination: Path) -> Path:
    """Copy the template as it is in the working tree, uncommitted changes included.

    Without .git, copier renders the folder itself instead of a commit of it.
    """
    patterns = yaml.safe_load((REPO / "copier.yml").read_text())["_exclude"]
    # the patterns that name files anywhere (.git, *.pyc); not the presets', which need answers
    excluded = shutil.ignore_patterns(*(p for p in patterns if "/" not in p and "{" not in p))
    destination.mkdir(parents=True)
    for name in TEMPLATE_FILES:
        source = REPO / name
        if source.is_symlink():
            os.symlink(os.readlink(source), destination / name)
        elif source.is_dir():
            shutil.copytree(source, destination / name, ignore=excluded)
        else:
            shutil.copy2(source, destination / name)
    return destination


@dataclass(frozen=True)
class Engines:
    template: Path
    settings: Path

    @classmethod
    def isolated(cls, template: Path, settings: Path) -> Engines:
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "copier.yml").write_text("defaults: {}\n")
        (settings / "cookiecutter.yml").write_text(
            yaml.safe_dump(
                {
                    "cookiecutters_dir": str(settings / "cookiecutters"),
                    "replay_dir": str(settings / "replay"),
                }
            )
        )
        return cls(template, settings)

    def copier(self, destination: Path, answers: Mapping[str, str]) -> subprocess.CompletedProcess:
        data = [arg for name, value in answers.items() for arg in ("--data", f"{name}={value}")]
        return self.run(
            ["copier", "copy", "--trust", "--defaults", *data, str(self.template), str(destination)]
        )

    def cookiecutter(
        self, output_dir: Path, answers: Mapping[str, str]
    ) -> subprocess.CompletedProcess:
        extra_context = [f"{name}={value}" for name, value in answers.items()]
        return self._cookiecutter(output_dir, "--no-input", str(self.template), *extra_context)

    def cookiecutter_replay(
        self, output_dir: Path, replay_file: Path
    ) -> subprocess.CompletedProcess:
        return self._cookiecutter(output_dir, "--replay-file", str(replay_file), str(self.template))

    def _cookiecutter(self, output_dir: Path, *arguments: str) -> subprocess.CompletedProcess:
        config = self.settings / "cookiecutter.yml"
        return self.run(
            [
                "cookiecutter",
                "--config-file",
                str(config),
                "--output-dir",
                str(output_dir),
                *arguments,
            ]
        )

    def run(self, command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
        """One of the venv's programs (copier, cookiecutter, cruft), isolated settings."""
        environment = {
            **os.environ,
            "COPIER_SETTINGS_PATH": str(self.settings / "copier.yml"),
            "COOKIECUTTER_CONFIG": str(self.settings / "cookiecutter.yml"),  # cruft's too
        }
        return subprocess.run(
            [str(BIN / command[0]), *command[1:]],
            cwd=cwd,
            capture_output=True,
            text=True,
            env=environment,
            check=False,
        )


def render_both(engines: Engines, workdir: Path, answers: Mapping[str, str]) -> tuple[Path, Path]:
    """Render with each engine; return the two project folders, after checking both worked."""
    by_copier = workdir / "copier" / "project"
    cookiecutter_out = workdir / "cookiecutter"
    cookiecutter_out.mkdir(parents=True)
    for result in (
        engines.copier(by_copier, answers),
        engines.cookiecutter(cookiecutter_out, answers),
    ):
        assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    (by_cookiecutter,) = cookiecutter_out.iterdir()
    return by_copier, by_cookiecutter

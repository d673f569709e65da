"""The template's releases (releases.toml), and a repository of them to generate from."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.engines import REPO, copy_template

RELEASES_FILE = REPO / "releases.toml"
GIT = ["git", "-c", "user.name=template-tests", "-c", "user.email=tests@example.org"]


@dataclass(frozen=True)
class Release:
    version: str
    commit: str

    @property
    def tag(self) -> str:
        return f"v{self.version}"


def releases() -> list[Release]:
    table = tomllib.loads(RELEASES_FILE.read_text())["release"]
    return [Release(str(row["version"]), str(row["commit"])) for row in table]


def git(folder: Path, *arguments: str) -> str:
    finished = subprocess.run(
        [*GIT, *arguments], cwd=folder, capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise AssertionError(f"git {' '.join(arguments)} in {folder}:\n{finished.stderr}")
    return finished.stdout


def template_repository(destination: Path) -> Path:
    """A clone of this repository whose HEAD is the work tree as it is now (a commit on top
    when there are uncommitted changes), tagged vX.Y.Z at every release: copier reads
    versions from tags, and a clone need not have them."""
    subprocess.run(["git", "clone", "-q", str(REPO), str(destination)], check=True)
    for release in releases():
        if subprocess.run(
            ["git", "cat-file", "-e", f"{release.commit}^{{commit}}"], cwd=destination, check=False
        ).returncode:
            raise AssertionError(
                f"release {release.version} ({release.commit}) is not in this clone's history: "
                "the update tests need the whole history (git fetch --unshallow)"
            )
        git(destination, "tag", "-f", release.tag, release.commit)
    work_tree = copy_template(destination.parent / f"{destination.name}-work-tree")
    for entry in work_tree.iterdir():
        target = destination / entry.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        shutil.move(str(entry), target)
    git(destination, "add", "-A")
    if git(destination, "status", "--porcelain").strip():
        git(destination, "commit", "-q", "-m", "the work tree under test")
    return destination

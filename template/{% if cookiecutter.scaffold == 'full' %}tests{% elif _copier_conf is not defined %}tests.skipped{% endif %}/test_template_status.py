"""`template status`: the release this project is on, against the template's release tags."""

import json
import subprocess

import pytest
from typer.testing import CliRunner

from {{ cookiecutter.package_name }}.cli import app
from {{ cookiecutter.package_name }}.errors import UserError
from {{ cookiecutter.package_name }}.template_status import status

RELEASES = ("0.1.0", "0.2.0", "0.3.0")


def changelog(up_to: str) -> str:
    """The template's changelog as release `up_to` has it: its section and the older ones."""
    released = [version for version in reversed(RELEASES) if version <= up_to]
    return "# Changelog\n\n" + "".join(
        f"## {version} (2026-12-01)\n\n- what {version} changed\n\n" for version in released
    )


def git(folder, *arguments):
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.fixture
def template(tmp_path):
    """A template repository with three releases (an annotated tag among them)."""
    folder = tmp_path / "template"
    folder.mkdir()
    git(folder, "init", "-q")
    for release in RELEASES:
        (folder / "CHANGELOG.md").write_text(changelog(release))
        git(folder, "add", "-A")
        git(folder, "commit", "-q", "-m", release)
        if release == "0.2.0":
            git(folder, "tag", "-a", f"v{release}", "-m", release)
        else:
            git(folder, "tag", f"v{release}")
    return folder


def project_of(tmp_path, name, **record):
    folder = tmp_path / name
    folder.mkdir()
    if "_commit" in record:
        lines = "".join(f"{key}: {value}\n" for key, value in record.items())
        (folder / ".copier-answers.yml").write_text(lines)
    else:
        (folder / ".cruft.json").write_text(json.dumps(record))
    return folder


def test_a_copier_project_a_commit_after_a_release_is_told_what_it_missed(template, tmp_path):
    project = project_of(tmp_path, "p", _src_path=str(template), _commit="v0.1.0-2-g1234abc")
    found = status(project)
    assert (found.release, found.commits_after, found.behind) == ("0.1.0", 2, ["0.2.0", "0.3.0"])
    assert "what 0.3.0 changed" in found.changes and "what 0.2.0 changed" in found.changes
    assert "what 0.1.0 changed" not in found.changes
    summary = found.summary()
    assert "2 release(s) behind" in summary
    assert "copier update --trust --vcs-ref=v0.3.0" in summary


def test_a_cruft_project_pinned_to_a_release_is_compared_with_releases(template, tmp_path):
    commit = git(template, "rev-parse", "v0.2.0^{commit}")
    project = project_of(tmp_path, "p", template=str(template), commit=commit, checkout="v0.2.0")
    found = status(project)
    assert (found.release, found.behind) == ("0.2.0", ["0.3.0"])
    assert "cruft update --checkout v0.3.0" in found.summary()


def test_a_project_on_the_newest_release_has_nothing_to_update(template, tmp_path):
    project = project_of(tmp_path, "p", _src_path=str(template), _commit="v0.3.0")
    assert "nothing newer" in status(project).summary()


def test_no_record_or_no_reachable_template_is_one_line(tmp_path):
    with pytest.raises(UserError, match="records no template"):
        status(tmp_path)
    gone = project_of(tmp_path, "p", _src_path=str(tmp_path / "gone"), _commit="v0.1.0")
    result = CliRunner().invoke(app, ["template", "status", "--project", str(gone)])
    assert result.exit_code == 2
    assert "cannot read the template at" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_command_prints_the_status(template, tmp_path):
    project = project_of(tmp_path, "p", _src_path=str(template), _commit="v0.2.0")
    result = CliRunner().invoke(app, ["template", "status", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert "release 0.2.0" in result.output and "what 0.3.0 changed" in result.output

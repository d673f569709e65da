"""The docs follow the template: generated tables are fresh, every preset has its page,
and every relative link (and its #anchor) leads somewhere."""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from hooks.presets import PRESETS, overlay_folder
from tests.engines import REPO

GENERATOR = REPO / "docs" / "generate_tables.py"
PAGES = sorted(
    [
        REPO / "README.md",
        *(REPO / "docs").rglob("*.md"),
        *(REPO / "template" / overlay_folder(name) / "docs" / "use-case.md" for name in PRESETS),
    ]
)

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s*\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.MULTILINE)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # https:, mailto:, gh:, ...


def prose(text: str) -> str:
    """Markdown without its code: links and headings in code are not links and headings."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def anchors(page: Path) -> set[str]:
    """The #anchors GitHub gives the headings of `page` (and its explicit <a> anchors)."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    found: set[str] = set(HTML_ANCHOR.findall(text))
    for heading in HEADING.findall(text):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        unique, count = slug, 1
        while unique in found:
            unique, count = f"{slug}-{count}", count + 1
        found.add(unique)
    return found


def links(page: Path) -> list[str]:
    text = prose(page.read_text(encoding="utf-8"))
    return [*LINK.findall(text), *REFERENCE.findall(text)]


def broken_links(page: Path) -> list[str]:
    broken = []
    for target in links(page):
        if EXTERNAL.match(target):
            continue
        path, _, anchor = target.partition("#")
        destination = (page.parent / unquote(path)).resolve() if path else page
        if not destination.exists():
            broken.append(f"{target}: no file {os.path.relpath(destination, REPO)}")
        elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            broken.append(f"{target}: no heading #{anchor} in {destination.name}")
    return broken


def test_the_generated_tables_are_up_to_date():
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_check_names_the_stale_file(tmp_path):
    for relative in ("README.md", "copier.yml", "hooks/presets.py", "docs"):
        source, target = REPO / relative, tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    options = tmp_path / "docs" / "options.md"
    lines = options.read_text().splitlines(keepends=True)
    options.write_text("".join(line for line in lines if "](#ci)" not in line))
    assert len(options.read_text().splitlines(keepends=True)) == len(lines) - 1
    generator = runpy.run_path(str(GENERATOR))
    assert list(generator["stale_pages"](tmp_path)) == ["docs/options.md"]
    assert generator["main"](["--root", str(tmp_path)]) == 0
    assert generator["stale_pages"](tmp_path) == {}


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_has_its_page(name):
    page = REPO / "template" / overlay_folder(name) / "docs" / "use-case.md"
    assert page.is_file(), f"preset {name} has no page: write {page.relative_to(REPO)}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(REPO).as_posix())
def test_every_relative_link_leads_somewhere(page):
    assert broken_links(page) == []


def test_the_link_check_sees_a_broken_link(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# There\n\n## `a_key`\n")
    page.write_text(
        "[ok](there.md#a_key) [gone](missing.md) [bad anchor](there.md#nowhere)\n"
        "[web](https://example.org) `[code](not-a-link.md)`\n"
        "```\n[fenced](not-a-link-either.md)\n```\n"
    )
    problems = broken_links(page)
    assert [problem.split(":")[0] for problem in problems] == ["missing.md", "there.md#nowhere"]


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_the_heuristic_the_docs_name_is_the_one_the_preset_registers(preset):
    evaluate = next((REPO / "template" / overlay_folder(preset)).rglob("offline/evaluate.py"))
    assert f'Heuristic("{PRESETS[preset].heuristic}"' in evaluate.read_text(encoding="utf-8")

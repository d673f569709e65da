"""Rebuild the tables of the docs that come from the template's own data.

The presets tables come from `hooks/presets.py`, the options tables from `copier.yml`.
Each table sits between two marker lines, and only what lies between them is rewritten:

    <!-- generated: presets -->
    ...
    <!-- end generated -->

Usage, from anywhere:

    python docs/generate_tables.py           rewrite the stale tables in place
    python docs/generate_tables.py --check   change nothing; exit 1 naming each stale file
"""

from __future__ import annotations

import argparse
import os
import re
import runpy
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
import jinja2.meta
import yaml

REPO = Path(__file__).resolve().parent.parent
COMMAND = "python docs/generate_tables.py"

# Which generated tables each page holds.
PAGES: dict[str, tuple[str, ...]] = {
    "README.md": ("options", "presets"),
    "docs/options.md": ("options", "use-cases"),
    "docs/presets.md": ("presets",),
}
OPTIONS_PAGE = "docs/options.md"  # where each question has a `### \`key\`` section
# One page per preset, shipped with its projects as docs/use-case.md.
PRESET_PAGE = "template/{folder}/docs/use-case.md"  # the folder: hooks.presets.overlay_folder

BLOCK = re.compile(
    r"^<!-- generated: (?P<name>[\w-]+)[^\n]*-->\n.*?^<!-- end generated -->$",
    re.MULTILINE | re.DOTALL,
)
END = "<!-- end generated -->"


class DocsError(Exception):
    """The docs cannot be generated as they are (a marker is missing or unknown)."""


@dataclass(frozen=True)
class Sources:
    """The template's own data: the presets table and the questions copier asks."""

    presets: Mapping[str, object]
    questions: Mapping[str, dict]
    overlay_folder: Callable[[str], str]

    def preset_page(self, name: str) -> str:
        return PRESET_PAGE.format(folder=self.overlay_folder(name))

    @classmethod
    def load(cls, root: Path) -> Sources:
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))  # presets.py imports hooks.preset_questions
        presets = runpy.run_path(str(root / "hooks" / "presets.py"), run_name="presets")
        copier = yaml.safe_load((root / "copier.yml").read_text(encoding="utf-8"))
        # A question may be a bare default (`key: value`); settings start with `_`.
        specs = {
            key: spec if isinstance(spec, dict) else {"default": spec}
            for key, spec in copier.items()
            if not key.startswith("_")
        }
        questions = {key: spec for key, spec in specs.items() if spec.get("when") is not False}
        return cls(
            presets=presets["PRESETS"],
            questions=questions,
            overlay_folder=presets["overlay_folder"],
        )


# --- cells --------------------------------------------------------------------------------


def cell(text: str) -> str:
    """Text that stays inside one table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def code(text: str) -> str:
    return f"`{text}`"


def link(text: str, target: str, page: str) -> str:
    """A link written on `page` to `target`, both relative to the repository root."""
    path, _, anchor = target.partition("#")
    href = "" if path == page else quote(Path(os.path.relpath(path, Path(page).parent)).as_posix())
    return f"[{text}]({href}{'#' + anchor if anchor else ''})"


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(cell(value) for value in row) + " |" for row in rows),
    ]
    return "\n".join(lines)


# --- the tables ---------------------------------------------------------------------------


def presets_table(sources: Sources, page: str) -> str:
    rows = (
        (
            link(code(preset.name), sources.preset_page(preset.name), page),
            preset.task,
            " → ".join(preset.stages),
            code(preset.endpoint),
            f"{', '.join(preset.offline_metrics)} ({code(preset.primary_metric)})",
            ", ".join(preset.online_metrics),
            preset.heuristic,
            preset.baseline,
            preset.challenger,
        )
        for preset in sources.presets.values()
    )
    header = (
        "preset",
        "task",
        "stages",
        "endpoint",
        "offline metrics (primary)",
        "online metrics",
        "heuristic (rung 0)",
        "baseline",
        "challenger",
    )
    return table(header, rows)


def use_cases_table(sources: Sources, page: str) -> str:
    rows = (
        (
            link(code(preset.name), sources.preset_page(preset.name), page),
            preset.example,
            " → ".join(preset.stages),
            code(preset.endpoint),
        )
        for preset in sources.presets.values()
    )
    return table(("answer", "example", "stages", "endpoint"), rows)


def options_table(sources: Sources, page: str) -> str:
    defaults = rendered_defaults(sources.questions)
    rows = (
        (
            link(code(key), f"{OPTIONS_PAGE}#{key}", page),
            spec.get("help", ""),
            ", ".join(code(choice) for choice in choices(spec)) or "—",
            default_cell(spec, defaults[key]),
        )
        for key, spec in sources.questions.items()
    )
    return table(("key", "question", "choices", "default"), rows)


def choices(spec: dict) -> list[str]:
    options = spec.get("choices") or []
    return [str(value) for value in (options.values() if isinstance(options, dict) else options)]


def default_cell(spec: dict, value: str) -> str:
    source = spec.get("default", "")
    if isinstance(source, bool):  # as YAML writes it
        return code(str(source).lower())
    if "{{" in str(source):
        names = jinja2.meta.find_undeclared_variables(jinja_environment().parse(str(source)))
        origin = ", ".join(code(name) for name in sorted(names))
        return f"{code(value)}, from {origin}" if value else f"derived from {origin}"
    return code(value) if value else "empty"


def rendered_defaults(questions: Mapping[str, dict]) -> dict[str, str]:
    """Every question's default as copier would propose it, derived defaults included."""
    environment = jinja_environment()
    values: dict[str, str] = {}
    for key, spec in questions.items():
        source = str(spec.get("default", ""))
        try:
            values[key] = environment.from_string(source).render(values)
        except jinja2.TemplateError:
            values[key] = ""  # a default this script cannot evaluate: say where it comes from
    return values


def jinja_environment() -> jinja2.Environment:
    """Jinja with the filter copier adds that copier.yml's defaults use."""
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    environment.filters["regex_replace"] = lambda value, pattern, new="": re.sub(
        pattern, new, value
    )
    return environment


TABLES: dict[str, Callable[[Sources, str], str]] = {
    "presets": presets_table,
    "use-cases": use_cases_table,
    "options": options_table,
}
SOURCE_OF = {
    "presets": "hooks/presets.py",
    "use-cases": "hooks/presets.py",
    "options": "copier.yml",
}


# --- pages --------------------------------------------------------------------------------


def refresh(text: str, page: str, sources: Sources) -> str:
    """`text` of `page` with every generated table rebuilt."""
    found = [match["name"] for match in BLOCK.finditer(text)]
    unknown = sorted(set(found) - set(TABLES))
    if unknown:
        raise DocsError(f"{page}: unknown generated table {', '.join(unknown)}")
    missing = [name for name in PAGES.get(page, ()) if name not in found]
    if missing:
        raise DocsError(
            f"{page}: no generated table {', '.join(missing)}: put the lines "
            f"'<!-- generated: {missing[0]} -->' and '{END}' where the table goes"
        )

    def rebuilt(match: re.Match[str]) -> str:
        name = match["name"]
        marker = f"<!-- generated: {name} (from {SOURCE_OF[name]} by {COMMAND}) -->"
        return f"{marker}\n\n{TABLES[name](sources, page)}\n\n{END}"

    return BLOCK.sub(rebuilt, text)


def refreshed_pages(root: Path) -> dict[str, tuple[str, str]]:
    """Each page's current text and its text with fresh tables."""
    sources = Sources.load(root)
    pages = {}
    for page in PAGES:
        path = root / page
        if not path.is_file():
            raise DocsError(f"{page} is missing: it holds generated tables")
        text = path.read_text(encoding="utf-8")
        pages[page] = (text, refresh(text, page, sources))
    return pages


def stale_pages(root: Path = REPO) -> dict[str, list[str]]:
    """The pages whose generated tables differ from the data, with those tables' names."""
    return {
        page: stale_tables(old, new)
        for page, (old, new) in refreshed_pages(root).items()
        if old != new
    }


def stale_tables(old: str, new: str) -> list[str]:
    def tables(text: str) -> dict[str, str]:
        return {match["name"]: match[0] for match in BLOCK.finditer(text)}

    before, after = tables(old), tables(new)
    return [name for name in after if before.get(name) != after[name]]


def write_atomic(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a table is stale"
    )
    parser.add_argument(
        "--root", type=Path, default=REPO, help="the template repository (default: this one)"
    )
    arguments = parser.parse_args(argv)
    try:
        pages = refreshed_pages(arguments.root)
    except DocsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    stale = {page: stale_tables(old, new) for page, (old, new) in pages.items() if old != new}
    if arguments.check:
        for page, names in stale.items():
            tables = " and ".join(names) + (" tables are" if len(names) > 1 else " table is")
            print(f"{page}: the generated {tables} stale; run {COMMAND}", file=sys.stderr)
        return 1 if stale else 0
    for page in stale:
        write_atomic(arguments.root / page, pages[page][1])
        print(f"rewrote {page}")
    if not stale:
        print("the generated tables are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())

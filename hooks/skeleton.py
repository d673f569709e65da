"""Shape a freshly rendered project to its use case: what the engines cannot express.

copier writes the chosen preset's files and skips every file the answers do not want
(conditional names). cookiecutter cannot give a folder an empty name, nor `.`: it writes
the chosen preset's folder as OVERLAY and the others, like the full scaffold's folders in
a design-doc-only project, as `<name>.skipped`; these steps merge the one and remove the
others. Then both fill the preset's values into the README and the design doc. Each step
is idempotent: copier runs its tasks again on update, and a second run over a finished
project changes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from hooks.preset_questions import as_items
from hooks.presets import OVERLAY, PACKAGE, PRESETS, SKIPPED, Preset

# The files each CI provider owns. The template names them only when `ci` chooses that
# provider (conditional file names, which copier and cookiecutter both skip when empty);
# the hook removes the folders left empty around an unnamed one.
CI_FILES: dict[str, str] = {"github": ".github", "gitlab": ".gitlab-ci.yml"}
CI_FOLDERS = (".github/workflows", ".github")  # innermost first

# Files whose `<!-- preset:FIELD -->` markers are replaced by the preset's values.
FILES_WITH_PRESET_MARKERS = ("README.md", "docs/design-doc.md")
PRESET_MARKER = re.compile(r"<!-- preset:(\w+) -->")
DESIGN_DOC = "docs/design-doc.md"
TEMPLATE = Path(__file__).resolve().parent.parent / "template"
# What only `scaffold: full` generates: the project's code and everything that builds it.
FULL_SCAFFOLD = ("src", "tests", "benchmarks", "Makefile", "pyproject.toml", ".env.example")
FULL_ONLY_SOURCE = (
    "{% if cookiecutter.scaffold == 'full' %}src"
    "{% elif _copier_conf is not defined %}src.skipped{% endif %}"
)
RENDERER_MODULES = ("config.py", "errors.py")  # beside design/, what its modules import
SNAPSHOT_READER = f"{PACKAGE}/offline/snapshot_ingest.py"  # config.snapshot_supported()
REDIS_STORE = "feature_store/online_redis.py"  # config.redis_supported()
FEAST_STORE = "feature_store/online_feast.py"  # config.feast_supported()
MLFLOW_REGISTRY = "models/registry_mlflow.py"  # config.mlflow_supported()
SPARK_ENGINE = "offline/etl_spark.py"  # config.spark_supported()
# What each preset's code declares (tables, features, heuristic, metrics), as its
# `design.facts.code_facts` gives it: refreshed by docs/design_facts.py.
DESIGN_FACTS = Path(__file__).resolve().parent / "design_facts"


class TemplateError(Exception):
    """The template itself is inconsistent (a bug in mlsd-template, not in the answers)."""


def shape_project(root: Path, answers: Mapping[str, str]) -> None:
    preset = PRESETS[answers["use_case"]]
    merge_overlay(root)
    remove_paths(root, [path.name for path in root.glob(f"*{SKIPPED}")])
    remove_empty_folders(root, CI_FOLDERS)
    for relative in FILES_WITH_PRESET_MARKERS:
        fill_preset_markers(root / relative, preset)
    fill_design_doc(root, preset, answers)


def merge_overlay(root: Path) -> None:
    """Move OVERLAY/** (cookiecutter's render of the preset's folder) onto the project root."""
    overlay = root / OVERLAY
    if not overlay.is_dir():
        return
    for source in sorted(path for path in overlay.rglob("*") if not path.is_dir()):
        target = root / source.relative_to(overlay)
        if target.exists():
            raise TemplateError(
                f"{target.relative_to(root)} is both a common file and a preset's: "
                "a project file has one place in template/"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    shutil.rmtree(overlay)


def remove_empty_folders(root: Path, relatives: tuple[str, ...]) -> None:
    for relative in relatives:
        folder = root / relative
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def remove_paths(root: Path, relatives: list[str]) -> None:
    for relative in relatives:
        path = root / relative
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def fill_design_doc(root: Path, preset: Preset, answers: Mapping[str, str]) -> None:
    """Write the doc's generated blocks with the project's own renderer (standard library
    and PyYAML only), from the facts of the preset's code kept in hooks/design_facts/."""
    doc, facts = root / DESIGN_DOC, DESIGN_FACTS / f"{preset.name}.json"
    package = answers["package_name"]
    if not doc.exists() or "<!-- design:" not in doc.read_text(encoding="utf-8"):
        return
    if not facts.is_file():
        raise TemplateError(f"{facts} is missing: every preset needs its design facts")
    with tempfile.TemporaryDirectory() as borrowed:
        source = root / "src"
        if not (source / package / "design").is_dir():  # design-doc-only: no code here
            source = Path(borrowed)
            lend_renderer(source / package, preset, answers)
        environment = {**os.environ, "PYTHONPATH": str(source), "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(
            [sys.executable, "-m", f"{package}.design.fill", str(facts)],
            cwd=root,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise TemplateError(f"filling {DESIGN_DOC} failed: {done.stderr.strip()[-2000:]}")


def lend_renderer(package: Path, preset: Preset, answers: Mapping[str, str]) -> None:
    """The modules that write the doc, copied from the template into `package` (they hold
    no template syntax): what a project without code needs to fill its design doc. The
    config accepts `data.source: snapshot`, `online_store.backend: redis` (or `feast`),
    `registry.backend: mlflow` and `compute.engine: spark` where the project has the module
    that reads it, so an empty one stands in for it."""
    template_package = TEMPLATE / FULL_ONLY_SOURCE / "{{cookiecutter.package_name}}"
    shutil.copytree(template_package / "design", package / "design")
    for module in RENDERER_MODULES:
        shutil.copy(template_package / module, package / module)
    for stand_in in ("__init__.py", "offline/__init__.py"):
        (package / stand_in).parent.mkdir(parents=True, exist_ok=True)
        (package / stand_in).write_text("")
    if SNAPSHOT_READER in preset.keeps:
        (package / SNAPSHOT_READER.removeprefix(f"{PACKAGE}/")).write_text("")
    stand_ins = (
        ("feature_store", "redis", REDIS_STORE),
        ("feature_store", "feast", FEAST_STORE),
        ("registry", "mlflow", MLFLOW_REGISTRY),
        ("compute", "spark", SPARK_ENGINE),
    )
    for question, answer, module in stand_ins:
        if answers.get(question) == answer:
            (package / module).parent.mkdir(parents=True, exist_ok=True)
            (package / module).write_text("")


def fill_preset_markers(path: Path, preset: Preset) -> None:
    if not path.exists():
        return
    text = path.read_bytes().decode("utf-8")  # bytes: keep the line endings as rendered
    filled = PRESET_MARKER.sub(lambda marker: preset_value(preset, marker.group(1)), text)
    if filled != text:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(filled.encode("utf-8"))
        os.replace(temporary, path)


def preset_value(preset: Preset, field: str) -> str:
    """A preset field as prose: stages as a flow, other lists comma-separated."""
    if field not in Preset.__dataclass_fields__:
        raise TemplateError(f"<!-- preset:{field} --> names no field of the presets table")
    value = getattr(preset, field)
    if field == "questions":
        return as_items(value)
    if isinstance(value, str):
        return value
    return (" → " if field == "stages" else ", ").join(value)

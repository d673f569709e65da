"""`design sync`: the generated blocks of the doc rewritten from the code and the config."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from .blocks import read_blocks, write_blocks
from .facts import CodeFacts
from .render import render_blocks


def sync(doc: Path, config: Config, code: CodeFacts) -> tuple[list[str], list[str]]:
    """Rewrite the blocks in place; returns the names of those that changed and of those
    the doc no longer has (sync cannot know where they belong)."""
    text = doc.read_text()
    found = read_blocks(text)
    bodies = render_blocks(config, code)
    changed = [name for name, body in bodies.items() if name in found and found[name].body != body]
    missing = [name for name in bodies if name not in found]
    if changed:
        temporary = doc.with_name(f".{doc.name}.tmp")
        temporary.write_text(write_blocks(text, bodies))
        temporary.replace(doc)
    return changed, missing

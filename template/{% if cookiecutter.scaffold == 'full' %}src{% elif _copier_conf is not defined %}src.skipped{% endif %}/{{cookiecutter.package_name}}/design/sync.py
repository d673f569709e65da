"""`design sync`: the generated blocks of the doc rewritten from the code and the config."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..config import Config
from .blocks import Block, read_blocks, write_blocks
from .facts import CodeFacts
from .render import render_blocks


def everything(block: Block) -> bool:
    return True


def sync(
    doc: Path, config: Config, code: CodeFacts, rewrites: Callable[[Block], bool] = everything
) -> tuple[list[str], list[str]]:
    """Rewrite the blocks that `rewrites` picks, in place; returns the names of those that
    changed and of those the doc no longer has (sync cannot know where they belong)."""
    text = doc.read_text()
    found = read_blocks(text)
    rendered = render_blocks(config, code)
    bodies = {
        name: body for name, body in rendered.items() if name in found and rewrites(found[name])
    }
    changed = [name for name, body in bodies.items() if found[name].body != body]
    missing = [name for name in rendered if name not in found]
    if changed:
        temporary = doc.with_name(f".{doc.name}.tmp")
        temporary.write_text(write_blocks(text, bodies))
        temporary.replace(doc)
    return changed, missing

"""Fill the generated blocks of a project's design doc without installing it, from the
project's config and the code facts the template keeps as JSON.

The project template runs `python -m <package>.design.fill FACTS.json` in the project
(with its `src`, or a copy of these modules, on the path) when it generates it, and again
after every copier update. The blocks written from the config alone are written each
time: the config is the project's. A block written from the code is written only while it
is empty: once it holds text it is the project's own (`design sync` wrote it from its
code, which the template cannot import). Needs only the standard library and PyYAML.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..config import load_config
from .blocks import Block, read_blocks
from .facts import read_code_facts
from .render import FROM_CONFIG, RENDERERS
from .sync import sync

DOC = Path("docs/design-doc.md")


def config_or_empty(block: Block) -> bool:
    """The config is the project's; a block from the code is, once it holds text."""
    return block.name in FROM_CONFIG or not block.body.strip()


def main(argv: list[str]) -> int:
    missing = sorted(set(RENDERERS) - set(read_blocks(DOC.read_text())))
    if missing:  # refused whole: the template's own doc has every block
        print(f"error: {DOC} has no block for {', '.join(missing)}", file=sys.stderr)
        return 1
    sync(DOC, load_config(), read_code_facts(Path(argv[0])), rewrites=config_or_empty)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

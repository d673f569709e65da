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

import os
import sys
from pathlib import Path

from ..config import load_config
from .blocks import read_blocks, write_blocks
from .facts import read_code_facts
from .render import FROM_CONFIG, render_blocks

DOC = Path("docs/design-doc.md")


def main(argv: list[str]) -> int:
    text = DOC.read_text()
    found = read_blocks(text)
    rendered = render_blocks(load_config(), read_code_facts(Path(argv[0])))
    missing = sorted(set(rendered) - set(found))
    if missing:
        print(f"error: {DOC} has no block for {', '.join(missing)}", file=sys.stderr)
        return 1
    bodies = {
        name: body
        for name, body in rendered.items()
        if name in FROM_CONFIG or not found[name].body.strip()
    }
    filled = write_blocks(text, bodies)
    if filled != text:
        temporary = DOC.with_name(f".{DOC.name}.tmp")
        temporary.write_text(filled)
        os.replace(temporary, DOC)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

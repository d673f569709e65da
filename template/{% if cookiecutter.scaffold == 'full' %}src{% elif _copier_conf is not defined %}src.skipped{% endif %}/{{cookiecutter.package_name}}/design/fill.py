"""Fill a new project's design doc from facts kept as JSON, before anything is installed.

The project template runs `python -m <package>.design.fill FACTS.json` in the new project
(with its `src` on the path), so that the doc states the code from the first commit on.
Needs only the standard library and PyYAML.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..config import load_config
from .facts import read_code_facts
from .sync import sync

DOC = Path("docs/design-doc.md")


def main(argv: list[str]) -> int:
    config = load_config()
    _, missing = sync(DOC, config, read_code_facts(Path(argv[0])))
    if missing:
        print(f"error: {DOC} has no block for {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

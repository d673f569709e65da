"""The generated parts of a Markdown doc: text between `<!-- design:NAME -->` and
`<!-- /design:NAME -->`, which `design sync` rewrites and `design check` compares."""

from __future__ import annotations

import re
from dataclasses import dataclass

BLOCK = re.compile(
    r"<!-- design:(?P<name>[a-z_]+) -->\n(?P<body>.*?)<!-- /design:(?P=name) -->", re.S
)


@dataclass(frozen=True)
class Block:
    name: str
    body: str
    line: int  # of the opening marker, from 1


def read_blocks(text: str) -> dict[str, Block]:
    return {
        match["name"]: Block(match["name"], match["body"], text.count("\n", 0, match.start()) + 1)
        for match in BLOCK.finditer(text)
    }


def write_blocks(text: str, bodies: dict[str, str]) -> str:
    """`text` with the body of each block named in `bodies` replaced; others are kept."""

    def body(match: re.Match[str]) -> str:
        name = match["name"]
        new = bodies.get(name, match["body"])
        return f"<!-- design:{name} -->\n{new}<!-- /design:{name} -->"

    return BLOCK.sub(body, text)


def first_difference(found: str, expected: str) -> tuple[int, str, str]:
    """The first line (from 0) where two bodies differ, and what differs in it, each side
    cut to a few words around the first differing character."""
    old, new = found.splitlines(), expected.splitlines()
    for index in range(max(len(old), len(new))):
        left = old[index] if index < len(old) else ""
        right = new[index] if index < len(new) else ""
        if left != right:
            return index, excerpt(left, right), excerpt(right, left)
    return 0, "", ""


def excerpt(line: str, other: str, before: int = 25, after: int = 45) -> str:
    if not line.strip():
        return "(nothing)"
    same = next(
        (i for i, (a, b) in enumerate(zip(line, other, strict=False)) if a != b),
        min(len(line), len(other)),
    )
    start = line.rfind(" ", 0, max(0, same - before)) + 1  # from the start of a word
    end = same + after
    return ("…" if start else "") + line[start:end].strip() + ("…" if end < len(line) else "")

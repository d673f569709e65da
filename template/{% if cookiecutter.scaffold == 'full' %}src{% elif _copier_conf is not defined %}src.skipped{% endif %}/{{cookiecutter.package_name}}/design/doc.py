"""docs/design-doc.md read as a checklist: its sections, its items and what they state.

An item is a line `- [ ] **Title:** text` (or `- [x]`) and the lines under it, up to the
next item or heading. A team answers a question on the item's `**Answer:**` line and ticks
the box; an item ticked without an `**Answer:**` line is a fact the template stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^#{2,3} (?P<title>.+)$")
ITEM = re.compile(r"^- \[(?P<mark>[ xX])\] \*\*(?P<title>[^*]+?):?\*\*")
ANSWER = re.compile(r"^\s*\*\*Answer:\*\*\s*(?P<text>.*)$")
UNANSWERED = {"", "_open_"}
# `section.key: value`, the form in which the doc states a value of config/pipeline.yaml
STATED = re.compile(r"`([a-z_]+(?:\.[a-z_]+)+): ([^`]+)`")
LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)#\s]+)(?:#[^)]*)?\)")
CODE = re.compile(r"`([^`\n]+)`")


@dataclass(frozen=True)
class Item:
    section: str
    title: str
    ticked: bool
    line: int  # from 1
    text: str  # the item's lines, the first included
    answer: str | None  # None: no Answer line (a stated fact)

    @property
    def answered(self) -> bool:
        return self.answer is not None and self.answer.strip() not in UNANSWERED

    @property
    def name(self) -> str:
        return f"{self.section} / {self.title}"


def read_items(text: str) -> list[Item]:
    items: list[Item] = []
    section = ""
    current: list[str] = []
    start = 0
    mark = title = ""

    def close() -> None:
        if current:
            body = "\n".join(current)
            answers = [ANSWER.match(line) for line in current]
            found = [match["text"] for match in answers if match]
            items.append(
                Item(section, title, mark != " ", start, body, found[0] if found else None)
            )
            current.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        heading, item = HEADING.match(line), ITEM.match(line)
        if heading or item or (current and line.startswith("<!-- design:")):
            close()
        if heading:
            section = heading["title"].strip()
        elif item:
            mark, title, start = item["mark"], item["title"].strip(), number
            current.append(line)
        elif current and (line.startswith((" ", "\t")) or not line.strip()):
            current.append(line)
        else:
            close()
    close()
    return items


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1

"""A request refused before it is scored, with the status and the detail its caller gets:
raised by the gateway's guard, and by an endpoint that finds a field it cannot take."""

from __future__ import annotations

from typing import Any

MAX_NAME = 40  # characters of a field name quoted back


class RequestRefused(Exception):
    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(status)
        self.status = status
        self.detail = detail


def shorten(text: str, limit: int = MAX_NAME) -> str:
    return text if len(text) <= limit else f"{text[:limit]}…"


def field_error(location: list[str | int], kind: str, message: str) -> RequestRefused:
    loc = ["body", *(shorten(part) if isinstance(part, str) else part for part in location)]
    return RequestRefused(422, [{"type": kind, "loc": loc, "msg": message}])

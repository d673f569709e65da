"""The gate every prediction request passes before the app sees it.

ASGI middleware that reads the body of a POST to a prediction route (at most
`serving.max_body_bytes`) and refuses, with a short message that names the field:

- 413 for a body over the limit (declared, or streamed without a length);
- 415 for a body that is not sent as JSON;
- 400 for bytes that are not UTF-8, or not JSON, or JSON nested too deeply;
- 422 for a number that is NaN or infinite, and for text with a lone UTF-16 surrogate:
  valid JSON for Python, but nothing a model or a UTF-8 log can take.

A message never repeats more than a short prefix of what was sent. A body that passes
is handed on unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .refusals import RequestRefused, field_error, shorten

MAX_DEPTH = 32
NON_FINITE = "finite_number"
BAD_TEXT = "string_unicode"


class _NonFinite:
    def __init__(self, text: str) -> None:
        self.text = text


def check_json(body: bytes) -> None:
    """Raise RequestRefused unless `body` is JSON the gateway can safely take."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RequestRefused(400, f"the body is not UTF-8 text (byte {error.start})") from None
    try:
        document = json.loads(text, parse_constant=_NonFinite, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise RequestRefused(
            400,
            f"the body is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
        ) from None
    except RecursionError:
        raise RequestRefused(400, f"the body nests deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        raise RequestRefused(
            400, f"the body is not valid JSON: {shorten(str(error), 80)}"
        ) from None
    _walk(document, [], 0)


def _finite_float(text: str) -> float | _NonFinite:
    value = float(text)
    return _NonFinite(shorten(text, 20)) if value in (float("inf"), float("-inf")) else value


def _walk(value: Any, location: list[str | int], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise RequestRefused(400, f"the body nests deeper than {MAX_DEPTH} levels")
    if isinstance(value, _NonFinite):
        raise field_error(location, NON_FINITE, f"must be a finite number, not {value.text}")
    if isinstance(value, str):
        _check_text(value, location)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, [*location, key])
            _walk(item, [*location, key], depth + 1)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            _walk(item, [*location, position], depth + 1)


def _check_text(text: str, location: list[str | int]) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        safe = [
            part.encode("utf-8", "replace").decode() if isinstance(part, str) else part
            for part in location
        ]
        raise field_error(
            safe, BAD_TEXT, "is not valid text: it holds a lone UTF-16 surrogate"
        ) from None


def is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


class RequestGuard:
    def __init__(self, app: ASGIApp, paths: set[str], max_body_bytes: int) -> None:
        self.app = app
        self.paths = paths
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read(scope, receive)
            check_json(body)
        except RequestRefused as refused:
            await _send_json(send, refused.status, {"detail": refused.detail})
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _read(self, scope: Scope, receive: Receive) -> bytes:
        headers = dict(scope["headers"])
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if not is_json(content_type):
            raise RequestRefused(415, "send the body as JSON, with Content-Type: application/json")
        too_large = RequestRefused(
            413, f"the body is over the limit of {self.max_body_bytes} bytes"
        )
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            raise too_large
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise RequestRefused(400, "the client went away before sending the whole body")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


async def _send_json(send: Send, status: int, payload: Any) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

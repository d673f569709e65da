"""How the gateway answers what it cannot serve: a 4xx for the caller's mistake, a 503 with
its reason when the service is not ready, and never the caller's input echoed back whole."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..errors import NotReadyError, UserError
from .refusals import RequestRefused, shorten

MAX_MESSAGE = 200


class Unauthorized(Exception):
    """The bearer token is missing or wrong."""


class Problem(BaseModel):
    detail: str = Field(description="what is wrong, and what to do about it")


class FieldProblem(BaseModel):
    type: str
    loc: list[str | int]
    msg: str


class ValidationProblem(BaseModel):
    detail: list[FieldProblem]


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can answer with."""
    described = {
        400: "The body is not UTF-8 JSON, or nests too deeply",
        401: "A bearer token is required and was missing or wrong",
        413: "The body is over serving.max_body_bytes",
        415: "The body is not sent as application/json",
        422: "A field is missing, of the wrong kind, out of range, or not finite",
        503: "Not ready: no servable model, or the online store cannot be read",
    }
    return {
        status: {
            "model": ValidationProblem if status == 422 else Problem,
            "description": described[status],
        }
        for status in statuses
    }


def validation_detail(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pydantic's errors without `input` and `ctx` (the caller's data), each part shortened."""
    return [
        {
            "type": str(error.get("type", "invalid")),
            "loc": [
                shorten(part) if isinstance(part, str) else part for part in error.get("loc", ())
            ],
            "msg": shorten(str(error.get("msg", "invalid")), MAX_MESSAGE),
        }
        for error in errors[:20]
    ]


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            status_code=422, content={"detail": validation_detail(list(error.errors()))}
        )

    @app.exception_handler(Unauthorized)
    async def unauthorized(request: Request, error: Unauthorized) -> JSONResponse:
        return JSONResponse(
            status_code=401,
            content={"detail": "send the service's token as `Authorization: Bearer <token>`"},
            headers={"WWW-Authenticate": "Bearer"},
        )

    @app.exception_handler(RequestRefused)
    async def refused(request: Request, error: RequestRefused) -> JSONResponse:
        return JSONResponse(status_code=error.status, content={"detail": error.detail})

    @app.exception_handler(NotReadyError)
    async def not_ready(request: Request, error: NotReadyError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": shorten(str(error), 500)})

    @app.exception_handler(UserError)
    async def user_error(request: Request, error: UserError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": shorten(str(error), 500)})

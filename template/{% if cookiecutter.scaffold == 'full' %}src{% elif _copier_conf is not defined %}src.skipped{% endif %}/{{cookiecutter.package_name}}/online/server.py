"""Run the gateway under uvicorn: one process, or several workers sharing the port.

With several workers uvicorn imports the app in each of them from `app_from_environment`,
given the config's path in an environment variable, and prometheus-client keeps every
worker's metrics in a shared folder so that `/metrics` adds them up.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from ..config import load_config
from .settings import serving_settings

PACKAGE = __package__.split(".")[0]
CONFIG_VARIABLE = f"{PACKAGE.upper()}_CONFIG"


def app_from_environment() -> FastAPI:
    """The app factory each worker calls (`uvicorn --factory`)."""
    from .gateway import create_app

    return create_app(load_config(Path(os.environ[CONFIG_VARIABLE])))


def serve(config_path: Path, host: str | None, port: int | None, workers: int | None) -> None:
    config = load_config(config_path)
    settings = serving_settings(config)
    options = {
        "host": host or settings.host,
        "port": port or settings.port,
        "access_log": False,  # /metrics counts every request; a log line each costs more
        "timeout_graceful_shutdown": 10,
    }
    count = workers or settings.workers
    if count == 1:
        from .gateway import create_app

        uvicorn.run(create_app(config), **options)
        return
    with tempfile.TemporaryDirectory(prefix="metrics-") as shared:
        os.environ[CONFIG_VARIABLE] = str(Path(config_path).resolve())
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", shared)
        uvicorn.run(
            f"{PACKAGE}.online.server:app_from_environment", factory=True, workers=count, **options
        )

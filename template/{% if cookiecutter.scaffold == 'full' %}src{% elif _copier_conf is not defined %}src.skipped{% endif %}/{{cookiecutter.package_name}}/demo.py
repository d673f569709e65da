"""Serve the champion on a free local port, send it real requests, and stop it cleanly."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import httpx
import uvicorn

from .config import Config
from .errors import UserError
from .online.app import example_requests
from .online.gateway import create_app

STARTUP_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_and_query(config: Config, count: int) -> tuple[dict[str, Any], Any]:
    """Send `count` example requests over HTTP; return the first request and its answer."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        _wait_until_started(server, thread)
        examples = example_requests(config, count)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10.0) as client:
            answers = []
            for example in examples:
                reply = client.request(example["method"], example["path"], json=example["body"])
                reply.raise_for_status()
                answers.append(reply.json())
        return examples[0], answers[0]
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_SECONDS)


def _wait_until_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive():
            raise UserError("the gateway stopped while starting; run `serve` to see why")
        if time.monotonic() > deadline:
            raise UserError("the gateway did not start within 30 s; run `serve` to see why")
        time.sleep(0.05)

"""Servers and load runs as child processes on 127.0.0.1, each stopped by its process id."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

START_SECONDS = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    name: str
    url: str
    process: subprocess.Popen


@contextmanager
def server(name: str, command: list[str], ready_path: str, log: Path) -> Iterator[Server]:
    """Start `command` (given `--port` by this function) and wait until `ready_path` is 200."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url + ready_path, process, log)
        yield Server(name, url, process)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_ready(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited while starting:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} was not ready within {START_SECONDS:.0f} s")


def load(
    url: str,
    path: str,
    body: Path,
    seconds: float,
    connections: int,
    rate: float = 0.0,
    headers: tuple[str, ...] = (),
) -> dict:
    """One run of the load generator, in a process of its own; its JSON outcome."""
    command = [
        sys.executable, "-m", "benchmarks.load", "--url", url, "--path", path,
        "--body", str(body), "--seconds", str(seconds), "--connections", str(connections),
        "--rate", str(rate),
    ]  # fmt: skip
    for header in headers:
        command += ["--header", header]
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if finished.returncode != 0:
        raise RuntimeError(f"the load generator failed:\n{finished.stderr[-3000:]}")
    return json.loads(finished.stdout.strip().splitlines()[-1])

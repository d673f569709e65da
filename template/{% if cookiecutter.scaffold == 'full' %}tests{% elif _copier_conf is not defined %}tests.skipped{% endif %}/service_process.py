"""A real gateway process on 127.0.0.1, for the tests that need one: started from the CLI on
a free port, waited for, and stopped by its process id."""

from __future__ import annotations

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

PACKAGE = "{{ cookiecutter.package_name }}"
START_SECONDS = 180.0  # returns as soon as it answers; a loaded 2-core CI machine can take minutes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Service:
    process: subprocess.Popen
    url: str
    output: Path

    def log(self) -> str:
        return self.output.read_text(errors="replace")[-4000:]

    def wait(self, path: str, status: int = 200, seconds: float = START_SECONDS) -> httpx.Response:
        """Poll `path` until it answers `status`; fail with the server's output if it never does."""
        deadline = time.monotonic() + seconds
        last = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the gateway exited ({self.process.returncode}):\n{self.log()}"
                )
            try:
                last = httpx.get(self.url + path, timeout=5.0)
                if last.status_code == status:
                    return last
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        detail = last.text if last is not None else "no answer"
        raise AssertionError(f"{path} never answered {status}: {detail}\n{self.log()}")


@contextmanager
def running_service(
    config: Path, workers: int = 1, env: dict[str, str] | None = None
) -> Iterator[Service]:
    port = free_port()
    output = config.parent / f"gateway-{port}.log"
    command = [sys.executable, "-m", PACKAGE, "serve", "--config", str(config), "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    with output.open("w") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
    service = Service(process, f"http://127.0.0.1:{port}", output)
    try:
        service.wait("/healthz")
        yield service
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

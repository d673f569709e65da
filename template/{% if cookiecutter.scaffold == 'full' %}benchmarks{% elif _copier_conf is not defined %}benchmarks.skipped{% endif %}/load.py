"""A load generator in its own process: keep-alive HTTP/1.1 over a fixed number of connections.

Closed loop (`--rate 0`): each connection sends its next request as soon as the last answer
is in, for `--seconds`: the server's throughput. Open loop (`--rate R`): requests are due
at R per second spread over the connections, each timed from when it was due, so a slow
server shows up as latency rather than as a lower rate. Prints one JSON line: requests,
errors, throughput, latency percentiles.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

try:
    import uvloop
except ImportError:  # the standard loop works too, just slower
    uvloop = None


def request_bytes(host: str, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {host}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def connection(
    url: str, payload: bytes, stop_at: float, due: asyncio.Queue | None, results: list
) -> None:
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        while True:
            if due is None:
                started = time.perf_counter()
                if started >= stop_at:
                    return
            else:
                started = await due.get()
                if started is None:
                    return
            writer.write(payload)
            try:
                status = await read_response(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                results.append((time.perf_counter() - started, 0))
                return
            results.append((time.perf_counter() - started, status))
    finally:
        writer.close()


async def schedule(due: asyncio.Queue, rate: float, stop_at: float, connections: int) -> None:
    interval, next_at = 1.0 / rate, time.perf_counter()
    while next_at < stop_at:
        delay = next_at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        due.put_nowait(next_at)
        next_at += interval
    for _ in range(connections):
        due.put_nowait(None)


async def run(
    url: str,
    path: str,
    body: bytes,
    seconds: float,
    connections: int,
    rate: float,
    headers: dict[str, str],
) -> dict:
    payload = request_bytes(urlsplit(url).netloc, path, body, headers)
    results: list[tuple[float, int]] = []
    started = time.perf_counter()
    stop_at = started + seconds
    due: asyncio.Queue | None = asyncio.Queue() if rate > 0 else None
    tasks = [connection(url, payload, stop_at, due, results) for _ in range(connections)]
    if due is not None:
        tasks.append(schedule(due, rate, stop_at, connections))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    latencies = np.array([latency for latency, _ in results]) * 1000.0
    errors = sum(1 for _, status in results if not 200 <= status < 300)
    return {
        "requests": len(results),
        "errors": errors,
        "seconds": elapsed,
        "throughput": len(results) / elapsed,
        "p50_ms": float(np.percentile(latencies, 50)) if len(latencies) else None,
        "p99_ms": float(np.percentile(latencies, 99)) if len(latencies) else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--body", type=Path, required=True, help="a file with the JSON body")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--rate", type=float, default=0.0, help="requests per second; 0: closed loop"
    )
    parser.add_argument("--header", action="append", default=[], help="Name: value")
    arguments = parser.parse_args()
    headers = dict(header.split(": ", 1) for header in arguments.header)
    runner = uvloop.run if uvloop is not None else asyncio.run
    outcome = runner(
        run(
            arguments.url,
            arguments.path,
            arguments.body.read_bytes(),
            arguments.seconds,
            arguments.connections,
            arguments.rate,
            headers,
        )
    )
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()

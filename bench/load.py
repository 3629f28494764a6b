"""Load generators: wrk when installed (apt-get as root if missing), else http.client threads."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass

THREADS = 2
CONNECTIONS = 8
TIMEOUT = 30
# What browsers send: the server's CPU per request includes compressing the page.
ACCEPT_ENCODING = "gzip, deflate, br"


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_wrk() -> str | None:
    """The wrk binary, installing Debian's package when we may; None for the fallback."""
    found = shutil.which("wrk")
    apt = shutil.which("apt-get")
    if found or os.geteuid() != 0 or not apt:
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "-q", "wrk"]
    subprocess.run(install, env=env, capture_output=True, check=False)  # noqa: S603
    if not shutil.which("wrk"):  # an old package list: refresh it once
        subprocess.run([apt, "update", "-q"], env=env, capture_output=True, check=False)  # noqa: S603
        subprocess.run(install, env=env, capture_output=True, check=False)  # noqa: S603
    return shutil.which("wrk")


def describe(wrk: str | None, seconds: float) -> str:
    if wrk:
        return (
            f"wrk -t{THREADS} -c{CONNECTIONS} -d{seconds:g}s --latency --timeout={TIMEOUT}s "
            "(Debian's wrk 4)"
        )
    return f"Python http.client, {CONNECTIONS} keep-alive connections for {seconds:g} s"


def run(wrk: str | None, port: int, path: str, cookie: str | None, seconds: float) -> Result:
    if wrk:
        return _wrk(wrk, port, path, cookie, seconds)
    return _python(port, path, cookie, seconds)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()
    return float(number) * _UNITS[unit]


def _wrk(wrk: str, port: int, path: str, cookie: str | None, seconds: float) -> Result:
    command = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--latency"]
    command.append(f"--timeout={TIMEOUT}s")  # a slow page is measured, not dropped
    command += ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    latencies = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", out, re.MULTILINE))
    if "50" not in latencies or "99" not in latencies:
        raise RuntimeError(f"could not read wrk's latency distribution:\n{out}")
    total = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return Result(
        requests=int(total.group(1)),
        seconds=_ms(total.group(2) + total.group(3)) / 1000,
        p50_ms=_ms(latencies["50"]),
        p99_ms=_ms(latencies["99"]),
        errors=(int(errors.group(1)) if errors else 0)
        + (sum(int(n) for n in socket_errors.groups()[::3]) if socket_errors else 0),
    )


def _python(port: int, path: str, cookie: str | None, seconds: float) -> Result:
    """Bounded in time and in count; only ever talks to 127.0.0.1."""
    headers = {"Accept-Encoding": ACCEPT_ENCODING}
    if cookie:
        headers["Cookie"] = cookie
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        mine: list[float] = []
        while time.monotonic() < deadline and len(mine) < 100_000:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                continue
            mine.append((time.perf_counter() - start) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    workers = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0
    return Result(
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=statistics.median(latencies) if latencies else 0,
        p99_ms=p99,
        errors=errors[0],
    )

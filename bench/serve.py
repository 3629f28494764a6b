"""Serve an app with gunicorn on 127.0.0.1 and read its workers' CPU time and memory."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
WORKER_CLASS = "sync"
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(app: str, port: int) -> list[str]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return [
        str(gunicorn),
        "--workers",
        str(WORKERS),
        "--worker-class",
        WORKER_CLASS,
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--chdir",
        str(ROOT),
        app,
    ]


def describe() -> str:
    return (
        f"gunicorn {WORKERS} {WORKER_CLASS} workers, bound to 127.0.0.1 on a free port, "
        "no reverse proxy; access log off, log level warning"
    )


@dataclass
class Server:
    process: subprocess.Popen
    port: int

    @classmethod
    def start(cls, app: str, env: dict[str, str], log: Path) -> Server:
        port = free_port()
        with open(log, "ab") as out:
            process = subprocess.Popen(  # noqa: S603 -- our own gunicorn command
                gunicorn_command(app, port), env=env, stdout=out, stderr=subprocess.STDOUT
            )
        server = cls(process, port)
        server._wait_ready()
        return server

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if len(self.workers()) == WORKERS:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                    conn.request("GET", "/")
                    conn.getresponse().read()
                    conn.close()
                    return
                except OSError:
                    pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer in time")

    def workers(self) -> list[int]:
        """The worker processes: children of the gunicorn master."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self) -> float:
        """utime + stime of all workers, in seconds."""
        total = 0
        for pid in self.workers():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return total / TICKS

    def max_rss_mb(self) -> float:
        best = 0
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    best = max(best, int(line.split()[1]))
        return best / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

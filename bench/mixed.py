"""python -m bench.mixed: read throughput while another client writes.

Serves the bench community (built as `python -m bench` builds it, or reused) and loads
the signed-in home, table and thread pages with wrk, first with no writes, then while a
second signed-in client posts a reply to ANOTHER thread every 0.5 s and every 0.1 s.
Prints a Markdown table: requests/s, worker CPU per request, and the fall from the
no-write figure. Bounded: each run lasts --seconds, the writer stops with it.

On a shared machine throughput follows the neighbours, so a second table measures the
same in process, free of waiting: one page read --reads times by a signed-in test
client, with a reply written (through the services, in another thread) before every
50th or every 10th read (at ~100 reads/s: a write every 0.5 s and every 0.1 s); CPU
time and SQL statements per read.

    .venv/bin/python -m bench.mixed --scale 0.2 --seconds 4
    .venv/bin/python -m bench.mixed --scale 0.2 --seconds 4 --database-url postgresql+psycopg://...
    .venv/bin/python -m bench.mixed --reuse --in-process-only
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time

from bench import load, serve
from bench.__main__ import build_data, environment
from bench.measure import HttpSession

WRITE_INTERVALS = (None, 0.5, 0.1)
READS_PER_WRITE = (None, 50, 10)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.mixed", description=__doc__)
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database (or one built)")
    parser.add_argument("--seconds", type=float, default=4, help="load per run (default 4)")
    parser.add_argument("--scale", type=float, default=0.2, help="data size factor")
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    parser.add_argument("--label", default="", help="a name for this run in results")
    parser.add_argument("--reads", type=int, default=200, help="reads per in-process run")
    parser.add_argument("--in-process-only", action="store_true", help="skip the HTTP load")
    return parser.parse_args(argv)


class Writer(threading.Thread):
    """Posts a reply every `interval` seconds until stopped (and at most for `limit` s)."""

    def __init__(self, session: HttpSession, thread_id: int, interval: float, limit: float):
        super().__init__(daemon=True)
        self.session, self.thread_id, self.interval = session, thread_id, interval
        self.deadline = time.monotonic() + limit
        self.stopped = threading.Event()
        self.posted = 0

    def run(self) -> None:
        while not self.stopped.is_set() and time.monotonic() < self.deadline:
            started = time.monotonic()
            self.session.post_replies(self.thread_id, 1, "A reply under load")
            self.posted += 1
            self.stopped.wait(max(0.0, self.interval - (time.monotonic() - started)))


def pages(built: dict) -> list[tuple[str, str]]:
    return [
        ("Home", "/"),
        ("Table, threads page 1", f"/threads/tables/{built['table_slug']}"),
        ("Thread, page 1", f"/threads/{built['big_thread_id']}?page=1"),
        *(
            [
                ("Conversations", "/conversations/"),
                ("Conversation, last page", f"/conversations/{built['conversation_id']}"),
            ]
            if built.get("conversation_id")
            else []
        ),
    ]


def measure(args, env, built: dict, folder) -> list[dict]:
    from bench.build import BENCH_EMAIL, BENCH_PASSWORD

    wrk = load.ensure_wrk()
    server = serve.Server.start("wsgi:app", env, folder / "gunicorn.log")
    rows = []
    try:
        reader, writer_session = HttpSession(server.port), HttpSession(server.port)
        reader.sign_in(BENCH_EMAIL, BENCH_PASSWORD)
        writer_session.sign_in(BENCH_EMAIL, BENCH_PASSWORD)
        for name, path in pages(built):
            for interval in WRITE_INTERVALS:
                load.run(wrk, server.port, path, reader.cookie_header, 1)  # warm-up
                writer = None
                if interval:
                    writer = Writer(writer_session, built["reply_thread_id"], interval, 60)
                    writer.start()
                cpu = server.cpu_seconds()
                run = load.run(wrk, server.port, path, reader.cookie_header, args.seconds)
                cpu = server.cpu_seconds() - cpu
                if writer:
                    writer.stopped.set()
                    writer.join()
                rows.append(
                    {
                        "page": name,
                        "interval": interval,
                        "rps": round(run.rps, 1),
                        "p50_ms": run.p50_ms,
                        "errors": run.errors,
                        "writes": writer.posted if writer else 0,
                        # Includes the writer's own requests: an upper bound for a read.
                        "cpu_ms_per_request": round(cpu * 1000 / max(run.requests, 1), 2),
                    }
                )
                print(rows[-1], file=sys.stderr, flush=True)
    finally:
        server.stop()
    return rows


def in_process(built: dict, reads: int) -> list[dict]:
    """CPU ms and SQL statements per signed-in read, with a reply every k reads."""
    from bench.build import BENCH_EMAIL, BENCH_PASSWORD
    from bench.measure import counting, sign_in_client
    from cop import create_app
    from cop.extensions import db
    from cop.members.models import Member
    from cop.threads import services
    from cop.threads.models import Thread

    app = create_app()
    client = app.test_client()
    sign_in_client(client, BENCH_EMAIL, BENCH_PASSWORD)
    # Each entry written to the cache is a fragment or region rendered again: a miss.
    sets = [0]
    backend = next(iter(app.extensions["cache"].values()))
    original_set = backend.set

    def counted_set(*args, **kwargs):
        sets[0] += 1
        return original_set(*args, **kwargs)

    backend.set = counted_set

    def write(n: int) -> None:
        with app.app_context():
            author = db.session.query(Member).filter_by(email=BENCH_EMAIL).one()
            thread = db.session.get(Thread, built["reply_thread_id"])
            services.reply_to_thread(
                author=author, thread=thread, body=f"In-process reply {n}", language="en"
            )
            db.session.commit()

    rows = []
    for name, path in pages(built):
        for every in READS_PER_WRITE:
            for _ in range(3):
                client.get(path)  # warm
            cpu, statements, sets[0] = 0.0, 0, 0
            for n in range(reads):
                if every and n % every == 0:
                    written = sets[0]
                    write(n)
                    sets[0] = written  # the write's own cache entries are not the read's
                with counting(app) as sql:
                    start = time.process_time()
                    response = client.get(path)
                    cpu += time.process_time() - start
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code}")
                statements += len(sql)
            rows.append(
                {
                    "page": name,
                    "every": every,
                    "cpu_ms_per_read": round(cpu * 1000 / reads, 2),
                    "sql_per_read": round(statements / reads, 2),
                    "renders_per_read": round(sets[0] / reads, 2),
                }
            )
            print(rows[-1], file=sys.stderr, flush=True)
    return rows


def in_process_markdown(rows: list[dict]) -> str:
    out = [
        "| Page (signed in) | Writes | CPU ms/read | vs no writes | SQL/read | renders/read |",
        "|---|---|---:|---:|---:|---:|",
    ]
    base = {}
    for row in rows:
        if row["every"] is None:
            base[row["page"]] = row["cpu_ms_per_read"]
        writes = f"1 every {row['every']} reads" if row["every"] else "none"
        rise = row["cpu_ms_per_read"] / base[row["page"]] - 1 if base.get(row["page"]) else 0
        out.append(
            f"| {row['page']} | {writes} | {row['cpu_ms_per_read']:.2f} | {rise:+.0%} | "
            f"{row['sql_per_read']:.2f} | {row['renders_per_read']:.2f} |"
        )
    return "\n".join(out)


def markdown(rows: list[dict]) -> str:
    out = [
        "| Page (signed in) | Writes | req/s | vs no writes | p50 ms | CPU ms/req | replies |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    base = {}
    for row in rows:
        if row["interval"] is None:
            base[row["page"]] = row["rps"]
        writes = f"1 every {row['interval']:g} s" if row["interval"] else "none"
        fall = row["rps"] / base[row["page"]] - 1 if base.get(row["page"]) else 0
        out.append(
            f"| {row['page']} | {writes} | {row['rps']:.0f} | {fall:+.0%} | "
            f"{row['p50_ms']:.1f} | {row['cpu_ms_per_request']:.1f} | {row['writes']} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env, folder = environment(args)
    os.environ.update(env)
    built = build_data(args, folder)
    load_before = os.getloadavg()
    rows = [] if args.in_process_only else measure(args, env, built, folder)
    process_rows = in_process(built, args.reads)
    result = {
        "label": args.label,
        "load": [load_before, os.getloadavg()],
        "rows": rows,
        "in_process": process_rows,
    }
    with open(folder / "mixed.jsonl", "a") as out:
        out.write(json.dumps(result) + "\n")
    if rows:
        print(markdown(rows) + "\n")
    print(in_process_markdown(process_rows))
    print(f"\nLoad average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

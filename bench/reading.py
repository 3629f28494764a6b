"""python -m bench.reading: the thread page read in my language, against the plain one.

Builds (or reuses) the bench community, whose big thread has every post translated
into French (Spanish for a French thread; bench/translations.py), and measures its first
and last pages for three signed-in readers:

- the benchmark's member (English interface): the plain signed-in thread page that
  `python -m bench` reports;
- the translation reader (who reads that language only), switched to "Show everything as
  written" (the same member and page, no translation shown);
- the translation reader in "reading in my languages" mode: every post in translation.

In process (Flask test client, free of the neighbours' load): CPU ms and SQL statements
per read, with warm caches and with every cache emptied before each read (everything
rendered). Over HTTP (gunicorn, 2 sync workers, wrk, as `python -m bench`): requests/s
and worker CPU ms per request. Prints Markdown tables and the machine's load average.

    .venv/bin/python -m bench.reading --scale 0.05 --seconds 2
    .venv/bin/python -m bench.reading --reuse --in-process-only
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time

from bench import load, serve
from bench.__main__ import build_data, environment
from bench.measure import _CSRF, HttpSession, counting, sign_in_client

ROUNDS = 3  # HTTP runs per reader and page, in turn with the others
READERS = (
    "plain (bench member)",
    "as written (translation reader)",
    "in my language (translation reader)",
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.reading", description=__doc__)
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database (or one built)")
    parser.add_argument("--seconds", type=float, default=3, help="load per run (default 3)")
    parser.add_argument("--scale", type=float, default=0.05, help="data size factor")
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    parser.add_argument("--reads", type=int, default=100, help="reads per in-process run")
    parser.add_argument("--in-process-only", action="store_true", help="skip the HTTP load")
    return parser.parse_args(argv)


def pages(built: dict) -> list[tuple[str, str]]:
    from cop.threads.queries import POSTS_PER_PAGE

    last = math.ceil(built["big_thread_posts"] / POSTS_PER_PAGE)
    thread = built["big_thread_id"]
    return [
        ("page 1", f"/threads/{thread}?page=1"),
        (f"page {last}", f"/threads/{thread}?page={last}"),
    ]


def _as_written(get, post, path: str) -> None:
    """Switch a signed-in reader to "Show everything as written" (the page's own form)."""
    token = _CSRF.search(get(path)).group(1)
    post("/translations/reading", {"csrf_token": token, "mode": "off", "next": "/"})


def in_process(built: dict, reads: int) -> list[dict]:
    from bench.build import BENCH_EMAIL, BENCH_PASSWORD
    from bench.translations import READER_EMAIL
    from cop import create_app

    app = create_app()
    clients = {name: app.test_client() for name in READERS}
    sign_in_client(clients[READERS[0]], BENCH_EMAIL, BENCH_PASSWORD)
    for name in READERS[1:]:
        sign_in_client(clients[name], READER_EMAIL, BENCH_PASSWORD)
    written = clients[READERS[1]]
    _as_written(
        lambda p: written.get(p).get_data(as_text=True),
        lambda p, form: written.post(p, data=form),
        pages(built)[0][1],
    )
    backend = next(iter(app.extensions["cache"].values()))
    rows = []
    for page, path in pages(built):
        for cold in (False, True):
            for client in clients.values():
                for _ in range(3):
                    client.get(path)  # warm: the reader's own first read marks it read
            cpu = dict.fromkeys(clients, 0.0)
            statements = dict.fromkeys(clients, 0)
            count = max(1, reads // 4) if cold else reads
            # The readers in turn, so the neighbours' load weighs on each alike.
            for _ in range(count):
                for name, client in clients.items():
                    if cold:
                        backend.clear()
                    with counting(app) as sql:
                        start = time.process_time()
                        response = client.get(path)
                        cpu[name] += time.process_time() - start
                    if response.status_code != 200:
                        raise RuntimeError(f"{path} answered {response.status_code}")
                    statements[name] += len(sql)
            for name, client in clients.items():
                html = client.get(path).get_data(as_text=True)
                rows.append(
                    {
                        "page": page,
                        "cache": "emptied" if cold else "warm",
                        "reader": name,
                        "cpu_ms": round(cpu[name] * 1000 / count, 2),
                        "sql": round(statements[name] / count, 1),
                        "translated_posts": html.count("post-body-translated"),
                    }
                )
                print(rows[-1], file=sys.stderr, flush=True)
    return rows


def over_http(args, env, built: dict, folder) -> list[dict]:
    from bench.build import BENCH_EMAIL, BENCH_PASSWORD
    from bench.translations import READER_EMAIL

    wrk = load.ensure_wrk()
    server = serve.Server.start("wsgi:app", env, folder / "gunicorn.log")
    rows = []
    try:
        sessions = {name: HttpSession(server.port) for name in READERS}
        sessions[READERS[0]].sign_in(BENCH_EMAIL, BENCH_PASSWORD)
        for name in READERS[1:]:
            sessions[name].sign_in(READER_EMAIL, BENCH_PASSWORD)
        written = sessions[READERS[1]]
        _as_written(
            lambda p: written.request("GET", p)[1],
            lambda p, form: written.request("POST", p, form),
            pages(built)[0][1],
        )
        for page, path in pages(built):
            for session in sessions.values():
                load.run(wrk, server.port, path, session.cookie_header, 1)  # warm-up
            totals = {name: [0.0, 0, 0, [], 0] for name in sessions}  # cpu, requests, s, p50s
            # Short runs in turn, so the neighbours' load weighs on each reader alike.
            for _ in range(ROUNDS):
                for name, session in sessions.items():
                    cpu = server.cpu_seconds()
                    seconds = args.seconds / ROUNDS
                    run = load.run(wrk, server.port, path, session.cookie_header, seconds)
                    total = totals[name]
                    total[0] += server.cpu_seconds() - cpu
                    total[1] += run.requests
                    total[2] += seconds
                    total[3].append(run.p50_ms)
                    total[4] += run.errors
            for name, (cpu, requests, seconds, p50s, errors) in totals.items():
                rows.append(
                    {
                        "page": page,
                        "reader": name,
                        "rps": round(requests / seconds, 1),
                        "p50_ms": sorted(p50s)[len(p50s) // 2],
                        "errors": errors,
                        "cpu_ms": round(cpu * 1000 / max(requests, 1), 2),
                    }
                )
                print(rows[-1], file=sys.stderr, flush=True)
    finally:
        server.stop()
    return rows


def _versus(rows: list[dict], row: dict, key: str, *group: str) -> str:
    base = next(r for r in rows if r["reader"] == READERS[0] and all(r[g] == row[g] for g in group))
    return f"{row[key] / base[key] - 1:+.0%}" if base[key] else "–"


def in_process_markdown(rows: list[dict]) -> str:
    out = [
        "| Thread page | Cache | Reader | CPU ms/read | vs plain | SQL/read | posts translated |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        out.append(
            f"| {row['page']} | {row['cache']} | {row['reader']} | {row['cpu_ms']:.2f} | "
            f"{_versus(rows, row, 'cpu_ms', 'page', 'cache')} | {row['sql']:.1f} | "
            f"{row['translated_posts']} |"
        )
    return "\n".join(out)


def http_markdown(rows: list[dict]) -> str:
    out = [
        "| Thread page | Reader | req/s | p50 ms | CPU ms/req | vs plain | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        out.append(
            f"| {row['page']} | {row['reader']} | {row['rps']:.0f} | {row['p50_ms']:.1f} | "
            f"{row['cpu_ms']:.1f} | {_versus(rows, row, 'cpu_ms', 'page')} | {row['errors']} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env, folder = environment(args)
    os.environ.update(env)
    built = build_data(args, folder)
    load_before = os.getloadavg()
    process_rows = in_process(built, args.reads)
    rows = [] if args.in_process_only else over_http(args, env, built, folder)
    print(f"Big thread: {built['big_thread_posts']} posts, {built.get('translations')} "
          "translations of it.\n")  # fmt: skip
    print(in_process_markdown(process_rows) + "\n")
    if rows:
        print(http_markdown(rows) + "\n")
    print(f"Load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after "
          f"({os.cpu_count()} cores).")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build a large community with bulk inserts (SQLAlchemy Core) that respect the models.

Counters (reply_count, post_total, last_post_*, table counts), rendered *_html columns,
handles and folded search text are filled as the services would fill them; every
distinct post body is rendered once and reused. Ids are given explicitly so the
counters can be computed in Python before the rows are sent.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import JSON, func, insert, inspect, select, text
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table

from bench.words import LANGUAGES, paragraph, post_body, sentence, title
from cop.extensions import db
from cop.members.models import (
    Member,
    MemberExpertise,
    MemberLanguage,
    Role,
    Visibility,
    fold_for_search,
    new_session_token,
)
from cop.members.passwords import hash_password
from cop.models import utcnow
from cop.resources.filetypes import KINDS
from cop.resources.models import (
    LICENCE_LABELS,
    Resource,
    ResourceFile,
    ResourceTag,
    ResourceType,
    StoredBlob,
    resource_tag_links,
)
from cop.resources.storage import LocalStorage
from cop.sanitize import POLICY_VERSION, render_markdown
from cop.threads.models import Category, CategoryTranslation, Post, Thread

logger = logging.getLogger(__name__)

BENCH_EMAIL = "bench@example.org"
BENCH_PASSWORD = "bench-password-for-load"  # noqa: S105 -- a throwaway benchmark account
COUNTRIES = ("ES", "PT", "GR", "JO", "PS", "TN")
FIRST_NAMES = [
    "Lucía",
    "Marta",
    "Inês",
    "João",
    "Eleni",
    "Nikos",
    "Layla",
    "Omar",
    "Rania",
    "Yousef",
    "Amira",
    "Karim",
    "Sofía",
    "Pedro",
    "Maria",
    "Dimitra",
    "Ahmad",
    "Salma",
    "Hugo",
    "Chloé",
    "Ana",
    "Tiago",
    "Giorgos",
    "Nour",
]
LAST_NAMES = [
    "García",
    "Martínez",
    "Carvalho",
    "Silva",
    "Papadopoulou",
    "Georgiou",
    "Haddad",
    "Khalil",
    "Nasser",
    "Saleh",
    "Ben",
    "Ali",
    "Trabelsi",
    "Dubois",
    "Moreau",
    "Ferreira",
    "Costa",
    "Rodríguez",
]
EXPERTISE = ("co_production", "social_economy", "housing", "care", "evaluation", "youth")
BATCH = 5000


@dataclass
class Size:
    members: int = 500
    tables: int = 20
    threads: int = 5000
    posts: int = 100_000
    big_thread_posts: int = 500
    resources: int = 2000
    bodies_per_language: int = 400
    conversations: int = 200  # the bench reader's (bench/conversations.py)
    big_conversation_messages: int = 120

    def scaled(self, factor: float) -> Size:
        def s(n: int, low: int) -> int:
            return max(low, int(n * factor))

        return Size(
            members=s(self.members, 10),
            tables=s(self.tables, 2),
            threads=s(self.threads, 10),
            posts=s(self.posts, 60),
            big_thread_posts=s(self.big_thread_posts, 45),
            resources=s(self.resources, 10),
            bodies_per_language=s(self.bodies_per_language, 5),
            conversations=s(self.conversations, 30),
            big_conversation_messages=s(self.big_conversation_messages, 60),
        )


@dataclass
class Built:
    """What the measurements need to find in the data."""

    size: Size
    seconds: float = 0.0
    big_thread_id: int = 1
    big_thread_posts: int = 0
    translations: int = 0  # of the big thread, into Greek (bench/translations.py)
    reply_thread_id: int = 2
    table_slug: str = ""
    table_threads: int = 0
    profile_handle: str = ""
    conversation_id: int = 0  # the long conversation (bench/conversations.py)
    conversation_messages: int = 0
    conversations: int = 0
    search_reindex: str = "no cop.search"
    event_id: int | None = None  # the benchmarked event page (None without cop.events)
    events: int = 0
    event_registrations: int = 0
    steps: dict[str, float] = field(default_factory=dict)


def _bulk(table, rows: list[dict]) -> None:
    """Insert many rows at once into the columns the database has (features land in any
    order: a model may be ahead of the migrations), with the models' Python defaults."""
    if not rows:
        return
    present = {c["name"] for c in inspect(db.session.connection()).get_columns(table.name)}
    defaults = {
        c.name: c.default
        for c in table.columns
        if c.name in present and c.default is not None and c.name not in rows[0]
    }
    # JSON columns keep their type: the driver's own adaptation (psycopg's Json) applies.
    typed = {c.name: c.type for c in table.columns if isinstance(c.type, JSON)}
    target = sql_table(table.name, *(sql_column(name, typed.get(name)) for name in sorted(present)))
    dialect = db.session.get_bind().dialect
    processors = {
        c.name: None if c.name in typed else c.type.bind_processor(dialect) for c in table.columns
    }
    for start in range(0, len(rows), BATCH):
        chunk = []
        for row in rows[start : start + BATCH]:
            full = {k: v for k, v in row.items() if k in present}
            for name, default in defaults.items():
                value = default.arg
                full[name] = value(None) if default.is_callable else value
            for name, value in full.items():
                if value is not None and processors[name] is not None:
                    full[name] = processors[name](value)
            chunk.append(full)
        db.session.execute(insert(target), chunk)


def build(size: Size, seed: int = 8) -> Built:
    """Fill an empty, migrated database (inside an app context) and commit."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible fake data, not secrets
    built = Built(size=size)
    started = time.perf_counter()

    def step(name: str, fn, *args):
        t0 = time.perf_counter()
        result = fn(*args)
        built.steps[name] = round(time.perf_counter() - t0, 2)
        logger.info("built %s in %.1f s", name, built.steps[name])
        return result

    members = step("members", _members, rng, size)
    built.profile_handle = members[1]["handle"]
    tables = step("tables", _tables, rng, size)
    built.table_slug = tables[0]["slug"]
    step("threads and posts", _threads_and_posts, rng, size, members, tables, built)
    step("resources", _resources, rng, size, members)
    if _has_events():
        from bench.events import build_events

        built.event_id, built.events, built.event_registrations = step(
            "events", build_events, rng, size, members, _bulk
        )
    made = step("conversations", _conversations, rng, size, members)
    built.conversation_id = made["conversation_id"]
    built.conversation_messages = made["conversation_messages"]
    built.conversations = made["conversations"]
    from bench.reactions import add_reactions_and_answers

    ids = [m["id"] for m in members]
    step("reactions and answers", add_reactions_and_answers, rng, ids, _bulk)
    from bench.translations import add_translations

    built.translations = step(
        "translations", add_translations, rng, built.big_thread_id, ids, _bulk
    )
    db.session.commit()
    step("sequences", _fix_sequences)
    built.search_reindex = step("search index", _reindex_search)
    db.session.commit()
    step("checkpoint", _checkpoint)
    built.seconds = round(time.perf_counter() - started, 1)
    return built


def _members(rng: random.Random, size: Size) -> list[dict]:
    password_hash = hash_password(BENCH_PASSWORD)  # one hash for everyone: scrypt is slow
    now = utcnow()
    rows, languages, expertise = [], [], []
    for i in range(1, size.members + 1):
        name = "Bench Reader" if i == 1 else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        handle = "bench" if i == 1 else f"{fold_for_search(name).split()[0]}{i}"
        country = rng.choice(COUNTRIES)
        organisation = f"{rng.choice(('Ajuntament', 'Cooperativa', 'Network', 'Δήμος'))} {i}"
        bio = paragraph(rng, rng.choice(LANGUAGES))
        rows.append(
            {
                "id": i,
                "display_name": name,
                "handle": handle,
                "email": BENCH_EMAIL if i == 1 else f"member{i}@example.org",
                "password_hash": password_hash,
                "country": country,
                "organisation": organisation,
                "locale": "en" if i == 1 else rng.choice(LANGUAGES),
                "role": Role.ADMIN if i == 2 else Role.MODERATOR if i <= 6 else Role.MEMBER,
                "session_token": new_session_token(),
                # Confirmed: an unconfirmed reader may not write (issue 15), and the
                # benchmark measures members as they are once registered.
                "email_confirmed_at": now,
                "created_at": now - timedelta(days=rng.randint(1, 900)),
                "city": "Valencia",
                "bio": bio,
                "bio_html": render_markdown(bio),
                "links": [],
                "visibility": Visibility.PUBLIC if rng.random() < 0.5 else Visibility.MEMBERS,
                "search_text": fold_for_search(name, organisation, handle),
            }
        )
        for code in rng.sample(LANGUAGES, rng.randint(1, 3)):
            languages.append({"member_id": i, "code": code})
        for tag in rng.sample(EXPERTISE, rng.randint(0, 3)):
            expertise.append({"member_id": i, "tag": tag})
    _bulk(Member.__table__, rows)
    _bulk(MemberLanguage.__table__, languages)
    _bulk(MemberExpertise.__table__, expertise)
    return rows


def _tables(rng: random.Random, size: Size) -> list[dict]:
    rows, names = [], []
    for i in range(1, size.tables + 1):
        rows.append(
            {
                "id": i,
                "slug": f"table-{i}",
                "position": i,
                "original_locale": LANGUAGES[i % len(LANGUAGES)],
            }
        )
        for code in LANGUAGES:
            names.append(
                {
                    "category_id": i,
                    "locale": code,
                    "name": title(rng, code)[:60],
                    "description": sentence(rng, code),
                }
            )
    _bulk(Category.__table__, rows)
    _bulk(CategoryTranslation.__table__, names)
    return rows


def _bodies(rng: random.Random, size: Size) -> dict[str, list[tuple[str, str]]]:
    """A pool of distinct bodies per language, each rendered once."""
    return {
        code: [
            (body, render_markdown(body))
            for body in (post_body(rng, code) for _ in range(size.bodies_per_language))
        ]
        for code in LANGUAGES
    }


def _post_counts(rng: random.Random, size: Size) -> list[int]:
    """Posts per thread: the first has big_thread_posts, the others share the rest unevenly."""
    others = size.threads - 1
    counts = [size.big_thread_posts] + [1] * others
    extra = size.posts - sum(counts)
    weights = [rng.paretovariate(1.5) for _ in range(others)]
    for index in rng.choices(range(others), weights=weights, k=max(0, extra)):
        counts[index + 1] += 1
    # Keep every other thread shorter than the big one, so it stays the longest.
    for i in range(1, len(counts)):
        if counts[i] >= size.big_thread_posts:
            counts[0] += counts[i] - (size.big_thread_posts - 1)
            counts[i] = size.big_thread_posts - 1
    counts[0] = size.big_thread_posts
    return counts


def _threads_and_posts(rng, size: Size, members: list[dict], tables: list[dict], built) -> None:
    bodies = _bodies(rng, size)
    counts = _post_counts(rng, size)
    now = utcnow()
    member_ids = [m["id"] for m in members]
    # The first table is the busiest (a fifth of the threads): its list has deep pages.
    table_weights = [len(tables) // 4 or 1] + [1] * (len(tables) - 1)
    thread_rows, post_rows = [], []
    table_stats = {t["id"]: [0, 0, None] for t in tables}
    post_id = 0
    for thread_id, count in enumerate(counts, start=1):
        table_id = (
            1
            if thread_id == 1
            else rng.choices([t["id"] for t in tables], weights=table_weights)[0]
        )
        language = rng.choice(LANGUAGES)
        created = now - timedelta(days=rng.uniform(1, 700))
        # The big thread lives on for weeks; the others over a few days.
        span = timedelta(days=30 if thread_id == 1 else rng.uniform(0.1, 10))
        step = span / max(count, 1)
        author_id = rng.choice(member_ids)
        last_author = author_id
        when = created
        for position in range(1, count + 1):
            post_id += 1
            writer = author_id if position == 1 else rng.choice(member_ids)
            source, html = rng.choice(bodies[language if rng.random() < 0.8 else "en"])
            post_rows.append(
                {
                    "id": post_id,
                    "thread_id": thread_id,
                    "author_id": writer,
                    "position": position,
                    "body_source": source,
                    "body_html": html,
                    "policy_version": POLICY_VERSION,
                    "language": language,
                    "created_at": when,
                }
            )
            last_author, last_at = writer, when
            when = when + step
        thread_rows.append(
            {
                "id": thread_id,
                "category_id": table_id,
                "author_id": author_id,
                "title": title(rng, language),
                "language": language,
                "is_pinned": thread_id in (2, 3),
                "reply_count": count - 1,
                "post_total": count,
                "last_post_id": post_id,
                "last_post_at": last_at,
                "last_author_id": last_author,
                "created_at": created,
            }
        )
        stats = table_stats[table_id]
        stats[0] += 1
        stats[1] += count
        stats[2] = last_at if stats[2] is None or last_at > stats[2] else stats[2]
        if len(post_rows) >= BATCH * 4:
            _flush_threads(thread_rows, post_rows)
    _flush_threads(thread_rows, post_rows)
    for table_id, (threads, posts, last_at) in table_stats.items():
        db.session.execute(
            Category.__table__.update()
            .where(Category.__table__.c.id == table_id)
            .values(thread_count=threads, post_count=posts, last_post_at=last_at)
        )
    built.big_thread_id = 1
    built.big_thread_posts = counts[0]
    built.reply_thread_id = 2
    built.table_threads = table_stats[1][0]


def _flush_threads(thread_rows: list[dict], post_rows: list[dict]) -> None:
    # Threads first: posts refer to them (PostgreSQL checks foreign keys at once).
    _bulk(Thread.__table__, thread_rows)
    _bulk(Post.__table__, post_rows)
    thread_rows.clear()
    post_rows.clear()


def _resources(rng: random.Random, size: Size, members: list[dict]) -> None:
    from flask import current_app

    storage = LocalStorage(current_app.config["UPLOAD_FOLDER"])
    kinds = [k for k in KINDS.values() if k.code in ("pdf", "docx", "odt")] or list(KINDS.values())
    blob_rows = []
    for i in range(1, 21):  # twenty small files, shared by every resource (deduplicated)
        data = f"%PDF-1.4\n% cop benchmark file {i}\n".encode() * 40
        staged = storage.stage(io.BytesIO(data))
        storage.put(staged)
        blob_rows.append({"id": i, "sha256": staged.sha256, "size": len(data)})
    _bulk(StoredBlob.__table__, blob_rows)
    tags = [
        f"{word}" for word in ["co-production", "housing", "care", "youth", "evaluation", "budget"]
    ]
    tags += [f"topic-{n}" for n in range(24)]
    _bulk(ResourceTag.__table__, [{"id": n, "name": t, "key": t} for n, t in enumerate(tags, 1)])
    now = utcnow()
    resources, files, links = [], [], []
    file_id = 0
    for i in range(1, size.resources + 1):
        language = rng.choice(LANGUAGES)
        description = paragraph(rng, language)
        created = now - timedelta(days=rng.uniform(1, 700))
        resources.append(
            {
                "id": i,
                "title": title(rng, language),
                "description_source": description,
                "description_html": render_markdown(description),
                "type": rng.choice(list(ResourceType)),
                "country": rng.choice(COUNTRIES),
                "licence": rng.choice(list(LICENCE_LABELS)),
                "original_language": language,
                "sharer_id": rng.choice(members)["id"],
                "download_count": rng.randint(0, 400),
                "created_at": created,
                "updated_at": created,
            }
        )
        for code in [language, *rng.sample(LANGUAGES, rng.randint(0, 2))]:
            if any(f["resource_id"] == i and f["language"] == code for f in files[-4:]):
                continue
            file_id += 1
            kind = rng.choice(kinds)
            blob = rng.choice(blob_rows)
            files.append(
                {
                    "id": file_id,
                    "resource_id": i,
                    "language": code,
                    "version": 1,
                    "is_current": True,
                    "blob_id": blob["id"],
                    "original_name": f"resource-{i}-{code}{kind.extension}",
                    "kind": kind.code,
                    "content_type": kind.content_type,
                    "size": blob["size"],
                    "uploaded_by_id": resources[-1]["sharer_id"],
                    "created_at": created,
                }
            )
        for tag_id in rng.sample(range(1, len(tags) + 1), rng.randint(0, 3)):
            links.append({"resource_id": i, "tag_id": tag_id})
    _bulk(Resource.__table__, resources)
    _bulk(ResourceFile.__table__, files)
    _bulk(resource_tag_links, links)


def _conversations(rng: random.Random, size: Size, members: list[dict]) -> dict:
    from bench.conversations import build_conversations

    return build_conversations(rng, size, [m["id"] for m in members], _bulk)


def _fix_sequences() -> None:
    """PostgreSQL: move each id sequence past the ids given explicitly."""
    if db.engine.dialect.name != "postgresql":
        return
    from bench.conversations import fix_sequences

    fix_sequences(db, text)
    models = (Member, Category, CategoryTranslation, Thread, Post, Resource, ResourceFile)
    if _has_events():
        from bench.events import MODELS

        models = (*models, *MODELS)
    for model in (*models, StoredBlob, ResourceTag):
        name = model.__tablename__
        top = db.session.scalar(select(func.max(model.id)))
        if top:
            db.session.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"), {"t": name, "n": top}
            )
    db.session.commit()


def _has_events() -> bool:
    """Whether cop.events is installed and its tables migrated."""
    if importlib.util.find_spec("cop.events") is None:
        return False
    return inspect(db.session.connection()).has_table("events")


def _checkpoint() -> None:
    """SQLite: fold the write-ahead log into the database now, not in the first request
    that writes under load (the bulk build leaves hundreds of MB in it)."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


REINDEX_NAMES = ("reindex_all", "rebuild_index", "reindex", "rebuild")


def _reindex_search() -> str:
    """Call cop.search's bulk reindex when the feature exists; say what was called."""
    if importlib.util.find_spec("cop.search") is None:
        return "no cop.search"
    for module_name in ("cop.search.rebuild", "cop.search.index", "cop.search"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in REINDEX_NAMES:
            fn = getattr(module, name, None)
            if callable(fn):
                fn()
                return f"{module_name}.{name}()"
    return "cop.search has no bulk reindex function (looked for " + ", ".join(REINDEX_NAMES) + ")"

"""Browser journeys: Debian's Chromium, driven by Playwright, against a live server.

The live server runs the real app in a thread on 127.0.0.1 with its own database
(SQLite, or PostgreSQL when DATABASE_URL is set), migrated and seeded with the demo
community. Never run `playwright install`: Chromium comes from Debian's package.
"""

from __future__ import annotations

import itertools
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

from cop.extensions import db
from tests.conftest import PASSWORD, build_app, migrate_to_head
from tests.databases import fresh_database_url

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Root needs --no-sandbox; the rest keep Chromium from dialling out on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)
            if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app behind the live server, with the demo community loaded."""
    from cop import demo

    instance = tmp_path_factory.mktemp("e2e-instance")
    app = build_app(
        fresh_database_url("e2e", tmp_path_factory.mktemp("e2e-db")),
        SERVER_NAME=None,
        WTF_CSRF_ENABLED=True,
        COP_UPLOAD_FOLDER=str(instance / "uploads"),
    )
    migrate_to_head(app)
    with app.app_context():
        demo.seed()
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app) -> str:
    """Base URL of the app served from a thread on 127.0.0.1, on a free port."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """pytest-playwright opens every page relative to this, so page.goto('/') works."""
    return live_server


@pytest.fixture
def outbox(live_app) -> list:
    """Emails the live app has sent during this test (the locmem mail backend)."""
    state = live_app.extensions["mailman"]
    state.outbox = []
    return state.outbox


@dataclass
class Account:
    id: int
    email: str
    password: str
    display_name: str
    handle: str


_numbers = itertools.count(1)


@pytest.fixture
def create_account(live_app) -> Callable[..., Account]:
    """create_account(locale="ar", role=Role.MODERATOR, ...) -> an Account in the live app."""
    from cop.auth import services
    from cop.members.models import Role

    def create(**fields) -> Account:
        n = next(_numbers)
        with live_app.app_context():
            member = services.register_member(
                display_name=fields.pop("display_name", f"Browser Member {n}"),
                email=fields.pop("email", f"browser{n}-{os.getpid()}@example.org"),
                password=PASSWORD,
                country=fields.pop("country", "ES"),
                locale=fields.pop("locale", "en"),
                role=fields.pop("role", Role.MEMBER),
                email_confirmed=fields.pop("email_confirmed", True),
            )
            for name, value in fields.items():
                setattr(member, name, value)
            db.session.commit()
            account = Account(member.id, member.email, PASSWORD, member.display_name, member.handle)
            db.session.remove()
        return account

    return create


def sign_in_through_the_form(p: Page, account: Account) -> None:
    """Sign `account` in on page `p` through the real form, in the page's language."""
    p.goto("/auth/sign-in")
    p.locator("input[name=email]").fill(account.email)
    p.locator("input[name=password]").fill(account.password)
    p.locator("form:has(input[name=password]) [type=submit]").click()
    p.wait_for_load_state()
    assert "/auth/sign-in" not in p.url, "sign-in failed"


@pytest.fixture
def sign_in(page: Page) -> Callable[[Account], None]:
    """sign_in(account): sign in through the real form, in the page's current language."""

    def do(account: Account, target: Page | None = None) -> None:
        sign_in_through_the_form(target or page, account)

    return do


def new_page(browser: Browser, base_url: str, locale: str, *, javascript: bool = True) -> Page:
    """A page in a browser context of its own (its cookies, its language): someone else at
    another computer. The caller closes it with page.context.close()."""
    context = browser.new_context(base_url=base_url, locale=locale, java_script_enabled=javascript)
    return context.new_page()


def signed_in_page(
    browser: Browser, base_url: str, locale: str, account: Account, *, javascript: bool = True
) -> Page:
    """new_page(...) with `account` signed in on it."""
    p = new_page(browser, base_url, locale, javascript=javascript)
    sign_in_through_the_form(p, account)
    return p


@pytest.fixture
def nojs_page(browser, base_url):
    """A page with JavaScript disabled: every journey must work without it."""
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """axe-core's findings on the whole page (offline: axe-playwright-python carries it),
    every impact, one line each: rule id, impact, help and the first elements' selectors.
    `rules` runs only those (color-contrast, say), each of them forced on."""
    from axe_playwright_python.sync_playwright import Axe

    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options = {"runOnly": {"type": "rule", "values": rules}}
    response = Axe().run(page, options=options).response
    found = response["violations"]
    if rules:
        # axe files some failures as "incomplete": text the colour of its background
        # (1:1, which it takes for hidden text) among them. Asked for by name, they count.
        found = found + response["incomplete"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:4]}"
        for v in found
    ]


def assert_accessible(page: Page) -> None:
    """No axe-core violation of any impact on the page as it is now."""
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n" + "\n".join(violations)


def thread_with_a_reply_by(live_app, account) -> int:
    """A thread whose reply `account` wrote: its author sees Edit and Delete on it."""
    from cop.members.models import Member
    from cop.threads import services
    from cop.threads.models import Category

    with live_app.app_context():
        author = db.session.get(Member, account.id)
        table = db.session.scalar(db.select(Category).order_by(Category.position).limit(1))
        thread = services.start_thread(
            author=author, category=table, title="Contrast check", body="Opening", language="en"
        )
        services.reply_to_thread(author=author, thread=thread, body="My reply", language="en")
        db.session.commit()
        thread_id = thread.id
        db.session.remove()
    return thread_id

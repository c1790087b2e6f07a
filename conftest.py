"""Personas shared by every app's tests: the KCP of this kern, the KCP of another kern, a
colleague, a gebiedsregisseur, an alderman, anonymous and the admin (pytest-django's admin_user)."""

import os
import re
import warnings
from pathlib import Path

from django.conf import settings
from django.utils import translation

import pytest

from kernen.tests.factories import KcpAssignmentFactory, KernFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch: LocaleMiddleware leaves the last request's language active in
    the thread, so a test that browsed in English would otherwise change the next one."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads in tests land in a temporary folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """With KERNPORTAL_REQUIRE_POSTGRES=1 (CI's PostgreSQL run) a skipped `postgres` test is a
    failure: the concurrency tests must not silently stop running."""
    report = yield
    required = os.environ.get("KERNPORTAL_REQUIRE_POSTGRES") == "1"
    if required and report.skipped and item.get_closest_marker("postgres"):
        report.outcome = "failed"
        report.longrepr = f"PostgreSQL-only test was skipped: {report.longrepr}"
    # In CI the browser and accessibility tests are the proof that pages work for everyone: a
    # missing Chromium must fail the run, not quietly skip it.
    in_ci = os.environ.get("CI", "").lower() == "true"
    if in_ci and report.skipped and item.get_closest_marker("browser"):
        report.outcome = "failed"
        report.longrepr = f"Browser test was skipped in CI (CI=true): {report.longrepr}"
    return report


@pytest.fixture
def kern(db):
    return KernFactory(name="Egchel", slug="egchel")


@pytest.fixture
def other_kern(db):
    return KernFactory(name="Beringe", slug="beringe")


@pytest.fixture
def kcp(kern):
    """The primary KCP of `kern`."""
    return KcpAssignmentFactory(kern=kern, user=UserFactory(username="kcp", groups=["KCP"])).user


@pytest.fixture
def other_kcp(other_kern):
    """The primary KCP of `other_kern`: a KCP, but not of `kern`."""
    return KcpAssignmentFactory(
        kern=other_kern, user=UserFactory(username="other-kcp", groups=["KCP"])
    ).user


@pytest.fixture
def colleague(db):
    return UserFactory(username="collega", groups=["medewerker"])


@pytest.fixture
def regisseur(db):
    return UserFactory(username="regisseur", groups=["gebiedsregisseur"])


@pytest.fixture
def wethouder(db):
    return UserFactory(username="wethouder", groups=["wethouder"])


@pytest.fixture
def outsider(db):
    """Logged in, but in no group: has no staff capability at all."""
    return UserFactory(username="buitenstaander")


@pytest.fixture
def client_for(client):
    """client_for(user) logs the test client in as `user` (None stays anonymous)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _eager_celery_and_clean_cache(request):
    """Tasks run in-process unless a test is marked `broker` (it then starts a real worker);
    the rate-limit cache starts empty for every test."""
    from django.core.cache import cache

    from kernportal.celery import app

    cache.clear()
    if request.node.get_closest_marker("broker"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


CHROMIUM = os.environ.get("KERNPORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; tests using it skip where it is not installed."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(
            f"Browser tests skipped: no Chromium at {CHROMIUM}. Install Debian's `chromium` "
            "package or point KERNPORTAL_CHROMIUM at a Chromium binary (in CI this fails the run)."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test itself
    # are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _replay_data_migrations():
    """Run every RunPython data migration again (they are idempotent), except elidable ones:
    those move existing rows once (a schema change's data copy) and need the historical models.

    A transactional test empties the database afterwards, taking the permission groups of the
    data migrations with it. Serialized rollback did not survive the live server thread on
    in-memory SQLite, so the browser tests put the data back this way.
    """
    from django.apps import apps
    from django.db import connection
    from django.db.migrations import RunPython
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(connection).graph
    plan = [node for leaf in graph.leaf_nodes() for node in graph.forwards_plan(leaf)]
    with connection.schema_editor() as schema_editor:
        for key in dict.fromkeys(plan):
            for operation in graph.nodes[key].operations:
                if isinstance(operation, RunPython) and not operation.elidable:
                    operation.code(apps, schema_editor)


@pytest.fixture
def migrated_data(transactional_db):
    """For transactional tests (browser, concurrency, broker): the data migrations' rows."""
    _replay_data_migrations()


SCREENSHOTS = Path(__file__).resolve().parent / "test-artifacts" / "screenshots"


@pytest.fixture
def page(browser, live_server, migrated_data, request):
    """A fresh browser tab on the live server, with the data migrations' groups in place. The
    last step of every browser test is kept as a screenshot in test-artifacts/screenshots/."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("/")[-1])
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    except Exception as error:  # a closed or crashed page must not hide the test's own result
        warnings.warn(f"no screenshot of {request.node.nodeid}: {error}", stacklevel=1)
    context.close()


@pytest.fixture
def constant_queries(django_assert_num_queries):
    """constant_queries(fetch, add_rows): `fetch()` runs exactly as many queries after
    `add_rows()` as before it (measured warm, so session and permission caches do not count).
    Returns the last response. Pages that other apps add panels to stay correct this way."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(fetch, add_rows):
        fetch()
        with CaptureQueriesContext(connection) as before:
            fetch()
        add_rows()
        with django_assert_num_queries(len(before.captured_queries)):
            return fetch()

    return check


class ScaleData:
    """Data made with `generate_scale_data`'s small profile, and a way to triple it: two more
    rounds with new kernen and staff and more history in every kern (the busiest one stays
    the busiest). Personas are the first round's: the busiest kern and its KCP."""

    def __init__(self):
        from kernportal.management.commands.generate_scale_data import generate

        self._generate = generate
        self.ctx = generate("small", seed=10)
        self.busiest_kern_id = self.ctx.kern_ids[0]
        self.busiest_kcp_id = self.ctx.primary_kcp[self.busiest_kern_id]

    def grow(self, rounds: int = 2) -> None:
        for _ in range(rounds):
            self._generate("small", seed=10, append=True)

    def user(self, group: str):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(pk=self.ctx.staff[group][0])


@pytest.fixture
def scale_data(db):
    return ScaleData()


@pytest.fixture
def assert_staff_only(client, client_for, outsider):
    """assert_staff_only(urls): anonymous users go to the login page, a logged-in user without
    the staff capability gets 403, on every one of `urls`."""
    from django.urls import reverse

    def check(urls):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login")), url
        forbidden = client_for(outsider)
        for url in urls:
            assert forbidden.get(url).status_code == 403, url

    return check

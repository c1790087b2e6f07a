"""The production web process for real: gunicorn with DEBUG off, whitenoise, JSON logs.

Each test starts `gunicorn` from the Procfile's configuration in a subprocess on a free port.
Serving the portal needs a database the subprocess can share (CI's PostgreSQL run); the
tests with an unreachable or hanging database run everywhere.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

import pytest

from kernen.tests.factories import KernFactory
from kernportal.testing import SilentServer

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "kernportal" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """collectstatic once, as the Procfile's release step does in production."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_env(root, "sqlite://:memory:"),
        check=True,
        timeout=120,
    )
    return root


def production_env(static_root, database_url, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE")
    }
    return {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_hex(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url,
        "DJANGO_LOG_FORMAT": "json",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        **extra,
    }


class Gunicorn:
    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        with log_path.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "gunicorn", "kernportal.wsgi", "-c", str(GUNICORN_CONF)],
                cwd=ROOT,
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.get("/gezond/live/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"gunicorn did not start:\n{self.log()}")

    def get(self, path, headers=None):
        """(status, headers, body) of a GET, following no redirects."""
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def log(self):
        return self.log_path.read_text()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)


@pytest.fixture
def gunicorn(tmp_path):
    started = []

    def start(env):
        server = Gunicorn(env, tmp_path / f"gunicorn-{len(started)}.log")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def json_lines(text):
    """Every line gunicorn and Django wrote, parsed: each must be a JSON object."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_with_the_database_down_pages_answer_503_at_once_and_health_says_so(gunicorn, static_root):
    server = gunicorn(production_env(static_root, "postgres://postgres@127.0.0.1:1/kernportal"))
    started = time.monotonic()
    status, _, body = server.get("/")
    assert status == 503
    assert "Kernportal is even niet bereikbaar" in body.decode()
    status, _, body = server.get("/gezond/")
    assert time.monotonic() - started < 10
    assert status == 503
    assert json.loads(body)["checks"] == {"database": "fail", "migrations": "fail"}


def test_with_a_hanging_database_pages_answer_503_within_the_connect_timeout(gunicorn, static_root):
    silent = SilentServer()
    try:
        server = gunicorn(
            production_env(
                static_root,
                f"postgres://postgres@127.0.0.1:{silent.port}/kernportal",
                DATABASE_CONNECT_TIMEOUT="2",
            )
        )
        started = time.monotonic()
        status, _, body = server.get("/")
        elapsed = time.monotonic() - started
        health_status, _, health = server.get("/gezond/")
    finally:
        silent.close()
    assert status == 503
    assert "Kernportal is even niet bereikbaar" in body.decode()
    assert elapsed < 10  # not gunicorn's 30 s worker timeout, not the OS's TCP timeout
    assert health_status == 503
    assert json.loads(health)["checks"]["database"] == "fail"


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER'] or 'postgres'}{password}@{host}:{port}/{db['NAME']}"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_the_portal_against_the_test_database(gunicorn, static_root, migrated_data):
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn's processes cannot share an in-memory SQLite test database")
    KernFactory(name="Kessel-Eik", slug="kessel-eik")
    server = gunicorn(production_env(static_root, database_url()))

    status, headers, body = server.get("/gezond/", {"X-Request-ID": "lb-probe-0001"})
    assert status == 200, body
    assert json.loads(body) == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}
    assert headers["X-Request-ID"] == "lb-probe-0001"

    status, _, body = server.get("/")
    assert status == 200
    assert "Kessel-Eik" in body.decode()

    # whitenoise serves the hashed, compressed names from collectstatic
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["vendor/bootstrap-5.3.9/bootstrap.min.css"]
    assert hashed != "vendor/bootstrap-5.3.9/bootstrap.min.css"
    assert f"/static/{hashed}" in body.decode()
    status, headers, _ = server.get(f"/static/{hashed}", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]

    assert server.get("/vraag/heelgeheimtoken123/")[0] == 404
    server.stop()
    lines = json_lines(server.log())
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    probe = next(line for line in access if line["path"] == "/gezond/")
    assert {"method": "GET", "status": 200, "request_id": "lb-probe-0001"}.items() <= probe.items()
    assert any(line.get("path") == "/vraag/***/" for line in access)
    assert "heelgeheimtoken123" not in server.log()

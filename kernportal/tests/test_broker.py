"""Delivery with a real Redis broker and real Celery worker processes.

Skipped unless CELERY_BROKER_URL is set and the database is one a worker process can share
(CI's PostgreSQL run). Each test starts workers with `celery -A kernportal worker` in a
subprocess, pointed at the test database, writing e-mail to files it can count.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from email import message_from_string
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.urls import reverse

import pytest

from contacts.models import Question
from kernen.tests.factories import KcpAssignmentFactory
from kernportal.celery import app
from kernportal.models import DigestDelivery, OutboxEmail
from kernportal.tasks import schedule_digests, send_digest_batch
from kernportal.testing import SilentServer, use_broker

pytestmark = [
    pytest.mark.broker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="no broker configured"),
]

NOW = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _shared_database(migrated_data):
    if connection.vendor == "sqlite":
        pytest.skip("worker processes cannot share an in-memory SQLite test database")
    app.control.purge()


def database_url():
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


class Worker:
    def __init__(self, tmp_path, name, email_url):
        self.log = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "EMAIL_URL": email_url,
            "KERNPORTAL_DIGEST_SEND_EMPTY": "true",
            "KERNPORTAL_OUTBOX_SWEEP_AFTER_SECONDS": "0",
            "CELERY_VISIBILITY_TIMEOUT": "3",
        }
        command = [sys.executable, "-m", "celery", "-A", "kernportal", "worker", "--pool=solo"]
        command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "-n", f"{name}@%h"]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(lambda: "ready." in self.log.read_text(), f"worker {name} to start", self)

    def kill(self):
        """SIGKILL: no warm shutdown, unacknowledged messages stay unacknowledged."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(condition, what, worker=None, timeout=45):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    log = worker.log.read_text()[-3000:] if worker else ""
    raise AssertionError(f"Timed out waiting for {what}.\n{log}")


def messages_in(directory: Path):
    """The e-mails Django's file backend wrote, parsed (one file per connection, '-' * 79 between)."""
    found = []
    for path in sorted(directory.glob("*.log")):
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                found.append(message_from_string(chunk.strip()))
    return found


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(name, email_url=None):
        outbox_dir = tmp_path / f"mail-{name}"
        outbox_dir.mkdir()
        worker = Worker(tmp_path, name, email_url or f"filemail:///{outbox_dir}")
        worker.mail_dir = outbox_dir
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def digest_sent():
    return OutboxEmail.objects.filter(kind="digest", sent_at__isnull=False).exists()


def test_a_digest_is_delivered_once_through_a_real_worker(workers):
    user = KcpAssignmentFactory(user__email="kcp@gemeente.example").user
    worker = workers("digest")
    schedule_digests.delay(NOW.isoformat())
    wait_for(digest_sent, "the digest e-mail", worker)

    # The scheduler runs again for the same period and a batch is retried: nothing new.
    schedule_digests.delay(NOW.isoformat())
    send_digest_batch.delay([user.pk], NOW.isoformat())
    # schedule, batch and send the first time; schedule and batch again, which send nothing.
    wait_for(lambda: worker.log.read_text().count("succeeded") >= 5, "the repeated tasks", worker)
    time.sleep(1)  # a duplicate send task would have been received by now
    assert worker.log.read_text().count("Task kernportal.tasks.send_outbox_email[") == 2  # once

    messages = [m for m in messages_in(worker.mail_dir) if m["To"] == "kcp@gemeente.example"]
    assert len(messages) == 1
    assert messages[0]["Subject"].startswith("Kernportal:")
    assert DigestDelivery.objects.filter(user=user).count() == 1


# Accepts connections and never says hello: a worker sending mail hangs inside SMTP.
HangingSmtpServer = SilentServer


def test_a_worker_killed_mid_send_leaves_no_duplicate_and_no_gap(workers):
    user = KcpAssignmentFactory(user__email="kcp@gemeente.example").user
    smtp = HangingSmtpServer()
    try:
        doomed = workers("doomed", email_url=f"smtp://127.0.0.1:{smtp.port}")
        schedule_digests.delay(NOW.isoformat())
        wait_for(lambda: smtp.connections, "the worker to hang in SMTP", doomed)
        doomed.kill()
    finally:
        smtp.close()
    assert DigestDelivery.objects.get(user=user).status == "sent"  # committed before sending
    assert not digest_sent()

    time.sleep(4)  # past the visibility timeout: the unacknowledged task is delivered again
    survivor = workers("survivor")
    wait_for(digest_sent, "the digest e-mail after the restart", survivor)
    messages = [m for m in messages_in(survivor.mail_dir) if m["To"] == "kcp@gemeente.example"]
    assert len(messages) == 1
    assert DigestDelivery.objects.filter(user=user).count() == 1
    assert OutboxEmail.objects.filter(kind="digest").count() == 1


def test_a_question_asked_while_the_broker_is_down_is_mailed_when_it_is_back(workers, client):
    kern = KcpAssignmentFactory(user__email="kcp@gemeente.example").kern
    real_broker = app.conf.broker_url
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        started = time.monotonic()
        response = client.post(
            reverse("contacts:question_ask", args=[kern.slug]),
            {
                "name": "Jan",
                "email": "inwoner@example.org",
                "text": "Wie maait het gras?",
                "privacy_consent": "on",
                "website": "",
            },
        )
        assert time.monotonic() - started < 15  # the resident did not wait on the broker
    finally:
        use_broker(real_broker)
    assert response.status_code == 200 and "Bedankt voor uw vraag" in response.text
    assert Question.objects.get().text == "Wie maait het gras?"
    email = OutboxEmail.objects.get(to=["inwoner@example.org"])
    assert email.sent_at is None  # stored, waiting for the broker

    worker = workers("sweeper")
    from kernportal.tasks import flush_outbox

    flush_outbox.delay()  # what beat does every minute
    wait_for(
        lambda: OutboxEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists(),
        "the sweep",
        worker,
    )
    assert "inwoner@example.org" in [m["To"] for m in messages_in(worker.mail_dir)]
    assert settings.CELERY_TASK_ALWAYS_EAGER is False

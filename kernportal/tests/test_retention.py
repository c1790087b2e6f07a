"""Retention (AVG): expired personal data is anonymised or deleted by `apply_retention` and
the nightly task, with a log of counts and ids, never the data."""

import datetime
import json

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

import pytest
from auditlog.models import LogEntry
from django_celery_beat.models import PeriodicTask

from contacts.models import Person, Question
from contacts.tests.factories import PersonFactory, QuestionFactory
from initiatives.models import Attachment, Initiative, Status
from initiatives.tests.factories import InitiativeFactory
from kernportal import tasks
from kernportal.models import OutboxEmail, RetentionRun
from kernportal.privacy import handlers

LONG_AGO = timezone.now() - datetime.timedelta(days=5 * 365)


@pytest.fixture
def expired(db, kern):
    """One expired row of every kind, beside a recent one of the same kind."""
    closed = Status.COMPLETED
    old_initiative = InitiativeFactory(
        kernen=[kern], status=closed, last_activity_at=LONG_AGO, initiator_email="oud@x.example"
    )
    attachment = Attachment.objects.create(
        initiative=old_initiative,
        file=ContentFile(b"%PDF-1.4", name="plan.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=8,
    )
    return {
        "initiative": old_initiative,
        "attachment": attachment,
        "recent_initiative": InitiativeFactory(kernen=[kern], status=closed),
        "person": PersonFactory(kernen=[kern], is_active=False, name="Oud Contact"),
        "active_person": PersonFactory(kernen=[kern], name="Huidig Contact"),
        "question": QuestionFactory(kern=kern, closed_at=LONG_AGO, asker_name="Oude Vrager"),
        "open_question": QuestionFactory(kern=kern, asker_name="Nieuwe Vrager"),
        "mail": OutboxEmail.objects.create(
            kind="x", to=["oud@x.example"], subject="Oud", body_text="t", sent_at=LONG_AGO
        ),
    }


def _age_outbox(mail):
    OutboxEmail.objects.filter(pk=mail.pk).update(created_at=LONG_AGO)


@pytest.fixture(autouse=True)
def _changes_long_ago(expired):
    """The expired rows were last changed long ago, as far as the audit trail knows."""
    for obj in (expired["person"], expired["active_person"]):
        LogEntry.objects.get_for_object(obj).update(timestamp=LONG_AGO)


def test_every_app_contributes_its_handlers_through_the_registry(db):
    kinds = {h.kind for h in handlers()}
    assert kinds == {"initiators", "attachments", "contacts", "askers", "outbox", "audit"}


def test_a_dry_run_changes_nothing_and_says_what_would_go(expired, capsys):
    _age_outbox(expired["mail"])
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Initiatiefnemers: 1 zou verdwijnen" in out
    assert Person.objects.get(pk=expired["person"].pk).name == "Oud Contact"
    assert OutboxEmail.objects.filter(pk=expired["mail"].pk).exists()
    assert RetentionRun.objects.get().dry_run


def test_it_anonymises_what_expired_and_keeps_the_rest(expired):
    _age_outbox(expired["mail"])
    call_command("apply_retention")
    initiative = Initiative.objects.get(pk=expired["initiative"].pk)
    assert initiative.initiator_name == "Geanonimiseerd"
    assert initiative.initiator_email.endswith("@example.invalid")
    assert initiative.anonymised_at is not None
    assert not Attachment.objects.filter(pk=expired["attachment"].pk).exists()
    assert Initiative.objects.get(pk=expired["recent_initiative"].pk).initiator_email
    assert Person.objects.get(pk=expired["person"].pk).name == "Geanonimiseerd"
    assert Person.objects.get(pk=expired["active_person"].pk).name == "Huidig Contact"
    assert Question.objects.get(pk=expired["question"].pk).asker_email == ""
    assert Question.objects.get(pk=expired["open_question"].pk).asker_name == "Nieuwe Vrager"
    assert not OutboxEmail.objects.filter(pk=expired["mail"].pk).exists()


def test_the_log_holds_counts_and_ids_never_the_data(expired):
    run = tasks.apply_retention.delay().get()
    logged = json.dumps(RetentionRun.objects.get(pk=run).removed)
    assert f'"ids": [{expired["person"].pk}]' in logged
    for secret in ("Oud Contact", "Oude Vrager", "oud@x.example"):
        assert secret not in logged


def test_a_second_run_finds_nothing_left(expired):
    call_command("apply_retention")
    second = tasks.apply_retention.delay().get()
    counts = [part["count"] for part in RetentionRun.objects.get(pk=second).removed.values()]
    assert counts == [0] * len(counts)


def test_a_contact_changed_recently_is_kept(expired, kern):
    recent = PersonFactory(kernen=[kern], is_active=False, name="Net Gestopt")
    call_command("apply_retention")
    assert Person.objects.get(pk=recent.pk).name == "Net Gestopt"


def test_periods_come_from_settings(expired, settings):
    settings.KERNPORTAL_RETENTION_DAYS = {**settings.KERNPORTAL_RETENTION_DAYS, "contacts": 10**5}
    call_command("apply_retention")
    assert Person.objects.get(pk=expired["person"].pk).name == "Oud Contact"


def test_audit_entries_older_than_their_period_go(expired, settings):
    settings.KERNPORTAL_RETENTION_DAYS = {**settings.KERNPORTAL_RETENTION_DAYS, "audit": 365}
    old = LogEntry.objects.get_for_object(expired["person"]).values_list("pk", flat=True)
    old = list(old)
    call_command("apply_retention")
    assert not LogEntry.objects.filter(pk__in=old).exists()
    assert LogEntry.objects.get_for_object(expired["open_question"]).exists()


def test_the_nightly_task_is_scheduled(db):
    assert PeriodicTask.objects.filter(task="kernportal.tasks.apply_retention").exists()

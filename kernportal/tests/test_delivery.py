import datetime as dt

from django.core import mail

import pytest

from kernen.tests.factories import KcpAssignmentFactory, UserFactory
from kernportal.delivery import (
    digest_period,
    digest_record_failure,
    digests_send,
    due_users,
    window_starts,
)
from kernportal.models import DigestDelivery, OutboxEmail
from kernportal.tasks import schedule_digests, send_digest_batch

pytestmark = pytest.mark.django_db

MONDAY_7 = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)  # 07:00 in Amsterdam
WEDNESDAY_7 = MONDAY_7 + dt.timedelta(days=2)


@pytest.fixture
def kcp_with_items(kernen_section):
    return KcpAssignmentFactory(user__email="kcp@gemeente.example").user


def test_a_daily_period_is_today_in_amsterdam():
    user = UserFactory(profile__digest_frequency="daily")
    late_evening_utc = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)  # already Tuesday in NL
    assert digest_period(user.profile, late_evening_utc) == dt.date(2026, 11, 24)


def test_a_weekly_period_is_the_latest_chosen_weekday_so_a_missed_run_is_caught_up():
    user = UserFactory(profile__digest_frequency="weekly", profile__digest_weekday=0)
    assert digest_period(user.profile, MONDAY_7) == dt.date(2026, 11, 23)
    assert digest_period(user.profile, WEDNESDAY_7) == dt.date(2026, 11, 23)


def test_users_who_switched_digests_off_are_never_due():
    UserFactory(profile__digest_frequency="off")
    assert due_users(MONDAY_7) == []


def test_a_digest_is_sent_once_however_often_the_scheduler_runs(
    kcp_with_items, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        schedule_digests(MONDAY_7.isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        schedule_digests(MONDAY_7.isoformat())
        send_digest_batch([kcp_with_items.pk], MONDAY_7.isoformat())  # a retried batch
    assert [m.to for m in mail.outbox] == [["kcp@gemeente.example"]]
    delivery = DigestDelivery.objects.get()
    assert (delivery.status, delivery.item_count, delivery.period) == (
        "sent",
        1,
        dt.date(2026, 11, 23),
    )
    assert delivery.email.sent_at is not None


def test_the_next_window_starts_where_the_last_digest_ended(kcp_with_items):
    digests_send(user_ids=[kcp_with_items.pk], now=MONDAY_7)
    next_monday = MONDAY_7 + dt.timedelta(days=7)
    assert window_starts([kcp_with_items], next_monday)[kcp_with_items.pk] == MONDAY_7


def test_a_missed_run_leaves_no_gap(kcp_with_items):
    kcp_with_items.profile.digest_frequency = "daily"
    kcp_with_items.profile.save()
    digests_send(user_ids=[kcp_with_items.pk], now=MONDAY_7)
    # Tuesday's run never happened; Wednesday's window starts at Monday's end.
    digests_send(user_ids=[kcp_with_items.pk], now=WEDNESDAY_7)
    wednesday = DigestDelivery.objects.get(period=dt.date(2026, 11, 25))
    assert wednesday.window_start == MONDAY_7
    assert DigestDelivery.objects.count() == 2


def test_an_empty_digest_is_not_sent_but_closes_its_period(
    kernen_section, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        digests_send(user_ids=[user.pk], now=MONDAY_7)
    assert mail.outbox == []
    assert DigestDelivery.objects.get().status == "empty"
    assert due_users(MONDAY_7) == []


def test_an_empty_digest_is_sent_when_configured(
    kernen_section, settings, django_capture_on_commit_callbacks
):
    settings.KERNPORTAL_DIGEST_SEND_EMPTY = True
    UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        schedule_digests(MONDAY_7.isoformat())
    assert len(mail.outbox) == 1
    assert "Er is deze keer niets dat op u wacht." in mail.outbox[0].alternatives[0][0]


def test_users_without_email_get_no_digest(kernen_section):
    UserFactory(email="")
    assert due_users(MONDAY_7) == []


def test_a_failed_batch_is_reported_and_tried_again_later(kcp_with_items, settings, monkeypatch):
    settings.ADMINS = [("Beheer", "beheer@gemeente.example")]
    digest_record_failure(user_ids=[kcp_with_items.pk], now=MONDAY_7, error="SMTP weg")
    failed = DigestDelivery.objects.get()
    assert failed.status == "failed"
    assert mail.outbox[0].to == ["beheer@gemeente.example"]
    assert kcp_with_items.username in mail.outbox[0].body
    assert due_users(MONDAY_7) == [kcp_with_items]
    digests_send(user_ids=[kcp_with_items.pk], now=MONDAY_7)
    failed.refresh_from_db()
    assert failed.status == "sent"
    assert OutboxEmail.objects.filter(kind="digest").count() == 1


def test_a_batch_that_fails_for_good_is_reported_by_the_task(kcp_with_items, settings):
    settings.ADMINS = [("Beheer", "beheer@gemeente.example")]
    args = ([kcp_with_items.pk], MONDAY_7.isoformat())
    # Celery calls on_failure once the retries are used up.
    send_digest_batch.on_failure(RuntimeError("sectie kapot"), "task-id", args, {}, None)
    delivery = DigestDelivery.objects.get()
    assert delivery.status == "failed"
    assert "sectie kapot" in delivery.error
    assert len(mail.outbox) == 1


def test_digest_tasks_retry_with_backoff_and_survive_a_lost_worker():
    assert send_digest_batch.acks_late and send_digest_batch.reject_on_worker_lost
    assert send_digest_batch.max_retries == 5
    assert send_digest_batch.retry_backoff == 60


def test_a_batch_with_a_period_delivered_concurrently_delivers_the_others_one_by_one(
    kernen_section, monkeypatch
):
    """The other run's row appears after this batch took its lock: the batch INSERT fails on
    the unique constraint, is rolled back whole, and each user is then delivered on their own
    (the one already delivered is skipped, nobody gets two e-mails)."""
    from django.db import IntegrityError

    from kernportal import delivery

    first, second = (
        KcpAssignmentFactory(user__email=f"kcp{n}@gemeente.example").user for n in (1, 2)
    )
    real = delivery.digests_deliver

    def concurrent(*, digests, now):
        real(digests=[d for d in digests if d.user.pk == first.pk], now=now)  # the other run
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(delivery, "digests_deliver", concurrent)
    delivered = digests_send(user_ids=[first.pk, second.pk], now=MONDAY_7)
    assert [d.user_id for d in delivered] == [second.pk]
    assert DigestDelivery.objects.count() == 2
    assert sorted(e.to[0] for e in OutboxEmail.objects.all()) == [
        "kcp1@gemeente.example",
        "kcp2@gemeente.example",
    ]

"""Delivering reminder digests: who is due, their windows, and sending exactly once per period."""

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import mail_admins
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    DateField,
    DateTimeField,
    Exists,
    Max,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from django_celery_beat.models import CrontabSchedule, PeriodicTask

from .digest import Digest, build_digests
from .mail import outbox_enqueue, outbox_enqueue_many
from .models import DigestDelivery

logger = logging.getLogger(__name__)

DIGEST_TASK = "kernportal.tasks.schedule_digests"
DEFAULT_WINDOW = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def digest_period(profile, now: datetime) -> date | None:
    """The scheduled day this digest belongs to: today for daily, the latest chosen weekday on
    or before today for weekly (so a missed run is caught up later in the week)."""
    today = timezone.localdate(now)
    if profile.digest_frequency == "daily":
        return today
    if profile.digest_frequency == "weekly":
        return _weekly_period(today, profile.digest_weekday)
    return None


def _weekly_period(today: date, weekday: int) -> date:
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def next_send_day(
    profile, now: datetime, send_hour: str, *, served: bool | None = None
) -> date | None:
    """The day the user's next digest goes out, never in the past: the next run after a period
    not yet served (a missed weekly digest is caught up by the next run), otherwise the next
    period. `send_hour` is the hour of the beat schedule ("?" when unknown); `served` whether
    the current period already has its digest, when the caller knows (else one query)."""
    period = digest_period(profile, now)
    if period is None:
        return None
    today = timezone.localdate(now)
    if served is None:
        served = (
            DigestDelivery.objects.done().filter(user_id=profile.user_id, period=period).exists()
        )
    if served:
        return period + timedelta(days=1 if profile.digest_frequency == "daily" else 7)
    hour = int(send_hour) if str(send_hour).isdigit() else None
    if hour is None or timezone.localtime(now).hour < hour:
        return today
    return today + timedelta(days=1)


SEND_HOUR_CACHE_KEY = "kernportal:digest_send_hour"
SEND_HOUR_CACHE_SECONDS = 60


def digest_send_hour() -> str:
    """The hour of the enabled beat schedule that sends digests ("?" without one). Cached: a
    change to the beat schedule clears it once committed, and it lives a minute at most."""
    hour = cache.get(SEND_HOUR_CACHE_KEY)
    if hour is None:
        task = (
            PeriodicTask.objects.filter(task=DIGEST_TASK, enabled=True)
            .select_related("crontab")
            .first()
        )
        hour = task.crontab.hour if task and task.crontab else "?"
        cache.set(SEND_HOUR_CACHE_KEY, hour, SEND_HOUR_CACHE_SECONDS)
    return hour


def _forget_send_hour(**kwargs):
    transaction.on_commit(lambda: cache.delete(SEND_HOUR_CACHE_KEY))


def connect_receivers() -> None:
    for model in (PeriodicTask, CrontabSchedule):
        for signal in (post_save, post_delete):
            signal.connect(
                _forget_send_hour,
                sender=model,
                dispatch_uid=f"kernportal.forget_send_hour.{model.__name__}.{signal is post_save}",
            )


def digest_preview_for(user, now: datetime, *, window_start: datetime | None = None) -> Digest:
    """`user`'s next digest exactly as it would be built now (from `window_start` when the
    caller already read it, see `with_digest_state`)."""
    windows = {user.pk: window_start} if window_start else window_starts([user], now)
    return build_digests([user], windows, now)[user.pk]


def with_digest_state(profiles, now: datetime):
    """`profiles` (staff profiles) with, in the same query, `digest_window_start` (where the
    next digest's window starts, as `window_starts` says) and `digest_served` (whether the
    current period already has its digest, as `digest_period` and `due_users` say): the
    preview page reads its user's preferences and deliveries in one query."""
    today = timezone.localdate(now)
    period = Case(
        When(digest_frequency="daily", then=Value(today)),
        *[
            When(
                digest_frequency="weekly",
                digest_weekday=day,
                then=Value(_weekly_period(today, day)),
            )
            for day in range(7)
        ],
        default=None,
        output_field=DateField(),
    )
    done = DigestDelivery.objects.done().filter(user_id=OuterRef("user_id"))
    fallback = Case(
        *[
            When(digest_frequency=frequency, then=Value(now - window))
            for frequency, window in DEFAULT_WINDOW.items()
        ],
        default=Value(now - timedelta(days=7)),
        output_field=DateTimeField(),
    )
    return profiles.annotate(
        digest_period=period,
        digest_window_start=Coalesce(
            Subquery(done.order_by("-window_end").values("window_end")[:1]), fallback
        ),
        digest_served=Exists(done.filter(period=OuterRef("digest_period"))),
    )


def digest_recipients():
    """Active users with an e-mail address and digests switched on."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__isnull=False)
        .exclude(email="")
        .exclude(profile__digest_frequency="off")
        .select_related("profile")
        .order_by("pk")
    )


def window_starts(users, now: datetime) -> dict[int, datetime]:
    """Each user's window starts where their last delivered (or empty) digest ended, so a missed
    run is never a gap; without one, a day or a week back. One query for all users."""
    last = dict(
        DigestDelivery.objects.done()
        .filter(user__in=[u.pk for u in users])
        .values("user_id")
        .annotate(end=Max("window_end"))
        .values_list("user_id", "end")
    )
    return {
        u.pk: last.get(u.pk)
        or now - DEFAULT_WINDOW.get(u.profile.digest_frequency, timedelta(days=7))
        for u in users
    }


def due_users(now: datetime, *, username: str | None = None) -> list:
    """Recipients whose current period has no delivered or empty digest yet (two queries)."""
    users = digest_recipients()
    if username:
        users = users.filter(username=username)
    candidates = [(u, digest_period(u.profile, now)) for u in users]
    done = set(
        DigestDelivery.objects.done()
        .filter(user__in=[u.pk for u, _ in candidates], period__in={p for _, p in candidates})
        .values_list("user_id", "period")
    )
    return [u for u, period in candidates if (u.pk, period) not in done]


def digests_build_for(user_ids, now: datetime) -> dict[int, Digest]:
    users = list(digest_recipients().filter(pk__in=user_ids))
    return build_digests(users, window_starts(users, now), now)


def digests_send(*, user_ids, now: datetime) -> list[DigestDelivery]:
    """Build the digests of `user_ids` in bulk and deliver each once. Returns the new deliveries.

    The whole batch is delivered in ONE transaction with a constant number of queries: the
    existing rows locked in one query, the e-mails written with one INSERT, the deliveries
    with another (`digests_deliver`). Idempotent: a user whose period is already delivered is
    skipped, so a retried or repeated run sends nothing twice. When a concurrent run delivered
    one of the periods in between (the unique constraint), the batch is rolled back and each
    user is delivered on their own (`digest_deliver`), which skips that one.
    """
    digests = list(digests_build_for(user_ids, now).values())
    try:
        return digests_deliver(digests=digests, now=now)
    except IntegrityError:
        logger.info("A digest of this batch was delivered concurrently; delivering one by one")
    deliveries = []
    for digest in digests:
        delivery = digest_deliver(digest=digest, now=now)
        if delivery is not None:
            deliveries.append(delivery)
    return deliveries


@transaction.atomic
def digests_deliver(*, digests: list[Digest], now: datetime) -> list[DigestDelivery]:
    """Record the digests of many users for this period and put their e-mails in the outbox,
    in ONE transaction: `digest_deliver` for a batch, in four queries whatever its size.

    Raises IntegrityError when a concurrent run inserted one of the (user, period) rows after
    the lock was taken (nothing of the batch is then stored).
    """
    due = [(d, digest_period(d.user.profile, now)) for d in digests]
    due = [(d, period) for d, period in due if period is not None]
    existing = {
        (row.user_id, row.period): row
        for row in DigestDelivery.objects.select_for_update().filter(
            user_id__in=[d.user.pk for d, _ in due], period__in={p for _, p in due}
        )
    }
    todo = []
    for digest, period in due:
        row = existing.get((digest.user.pk, period))
        if row is None or row.status == DigestDelivery.Status.FAILED:
            todo.append((digest, period, row))
    send_empty = settings.KERNPORTAL_DIGEST_SEND_EMPTY
    sending = [d for d, _, _ in todo if not d.is_empty or send_empty]
    emails = outbox_enqueue_many(
        [
            {"to": [d.user.email], "template": "digest", "context": {"digest": d}, "kind": "digest"}
            for d in sending
        ]
    )
    email_of = {d.user.pk: email for d, email in zip(sending, emails, strict=True)}
    new, retried = [], []
    for digest, period, row in todo:
        email = email_of.get(digest.user.pk)
        values = {
            "frequency": digest.user.profile.digest_frequency,
            "window_start": digest.window_start,
            "window_end": digest.window_end,
            "status": DigestDelivery.Status.SENT if email else DigestDelivery.Status.EMPTY,
            "item_count": digest.item_count,
            "email": email,
            "error": "",
        }
        if row is None:
            new.append(DigestDelivery(user=digest.user, period=period, **values))
        else:
            for field, value in values.items():
                setattr(row, field, value)
            retried.append(row)
    if new:
        new = DigestDelivery.objects.bulk_create(new)
    if retried:
        DigestDelivery.objects.bulk_update(retried, VALUES)
    return [*new, *retried]


VALUES = ["frequency", "window_start", "window_end", "status", "item_count", "email", "error"]


def digest_deliver(*, digest: Digest, now: datetime) -> DigestDelivery | None:
    """Record the user's digest for this period and put its e-mail in the outbox, in ONE transaction.

    The unique (user, period) constraint makes a second delivery impossible: a concurrent or
    retried run hits it (or finds the row) and returns None without writing an e-mail. The
    e-mail leaves through the outbox after commit. An empty digest closes the period without
    an e-mail unless KERNPORTAL_DIGEST_SEND_EMPTY is on.
    """
    user = digest.user
    period = digest_period(user.profile, now)
    if period is None:
        return None
    try:
        with transaction.atomic():
            existing = (
                DigestDelivery.objects.select_for_update().filter(user=user, period=period).first()
            )
            if existing is not None and existing.status != DigestDelivery.Status.FAILED:
                return None
            send = not digest.is_empty or settings.KERNPORTAL_DIGEST_SEND_EMPTY
            email = None
            if send:
                email = outbox_enqueue(
                    to=[user.email], template="digest", context={"digest": digest}, kind="digest"
                )
            values = {
                "frequency": user.profile.digest_frequency,
                "window_start": digest.window_start,
                "window_end": digest.window_end,
                "status": DigestDelivery.Status.SENT if send else DigestDelivery.Status.EMPTY,
                "item_count": digest.item_count,
                "email": email,
                "error": "",
            }
            if existing is not None:
                for field, value in values.items():
                    setattr(existing, field, value)
                existing.save(update_fields=list(values))
                return existing
            return DigestDelivery.objects.create(user=user, period=period, **values)
    except IntegrityError:
        logger.info("Digest for user %s, period %s was delivered concurrently", user.pk, period)
        return None


def digest_record_failure(*, user_ids, now: datetime, error: str) -> None:
    """Report digests that failed for good: a FAILED row per user whose period is still open
    (the next scheduled run tries again), an error in the log and an e-mail to ADMINS."""
    users = list(digest_recipients().filter(pk__in=user_ids))
    failed = []
    for user in users:
        period = digest_period(user.profile, now)
        with transaction.atomic():
            row = (
                DigestDelivery.objects.select_for_update().filter(user=user, period=period).first()
            )
            if row is None:
                DigestDelivery.objects.create(
                    user=user,
                    period=period,
                    frequency=user.profile.digest_frequency,
                    window_start=now,
                    window_end=now,
                    status=DigestDelivery.Status.FAILED,
                    error=error[:2000],
                )
                failed.append(user.username)
            elif row.status == DigestDelivery.Status.FAILED:
                row.error = error[:2000]
                row.save(update_fields=["error"])
                failed.append(user.username)
    if failed:
        logger.error("Digests failed for %s: %s", ", ".join(failed), error)
        mail_admins(
            _("Kernportal: overzichtsmails mislukt"),
            _("De overzichtsmail kon niet worden gemaakt voor: %(users)s.\n\nFout: %(error)s")
            % {"users": ", ".join(failed), "error": error},
        )

import logging
from smtplib import SMTPException

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from celery import Task, shared_task

from .delivery import digest_record_failure, digests_send, due_users
from .mail import SEND_TASK, outbox_pending_ids, outbox_send

logger = logging.getLogger(__name__)

# Retries wait at most this long: a countdown longer than the broker's visibility timeout
# would have Redis hand the waiting message to a second worker (see settings).
RETRY_BACKOFF_MAX = 600


@shared_task(
    name=SEND_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    max_retries=6,
    soft_time_limit=60,
    time_limit=90,
)
def send_outbox_email(email_id: int) -> bool:
    """Send one outbox e-mail; safe to run twice (the row lock and sent_at make it once)."""
    return outbox_send(email_id=email_id)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def flush_outbox() -> int:
    """Periodic sweep: send what a down broker or a crashed worker left unsent."""
    sent = 0
    for email_id in outbox_pending_ids():
        try:
            sent += outbox_send(email_id=email_id)
        except Exception:
            logger.exception(
                "Outbox e-mail %s failed again; will retry on the next sweep", email_id
            )
    return sent


DIGEST_BATCH_SIZE = 100


class ReportingTask(Task):
    """After its last retry a digest batch is reported (FAILED rows, log, ADMINS), not dropped."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        call = dict(zip(("user_ids", "now_iso"), args, strict=False)) | kwargs
        now = parse_datetime(call["now_iso"])
        digest_record_failure(user_ids=call["user_ids"], now=now, error=repr(exc))


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def schedule_digests(now_iso: str | None = None) -> int:
    """Beat entry point: find who is due now and hand them out in batches. Returns the count."""
    now = parse_datetime(now_iso) if now_iso else timezone.now()
    user_ids = [u.pk for u in due_users(now)]
    for start in range(0, len(user_ids), DIGEST_BATCH_SIZE):
        send_digest_batch.delay(user_ids[start : start + DIGEST_BATCH_SIZE], now.isoformat())
    return len(user_ids)


@shared_task(
    base=ReportingTask,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    max_retries=5,
    soft_time_limit=300,
    time_limit=360,
)
def send_digest_batch(user_ids: list[int], now_iso: str) -> int:
    """Build and deliver the digests of a batch; safe to retry (each period is delivered once)."""
    return len(digests_send(user_ids=user_ids, now=parse_datetime(now_iso)))


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def apply_retention() -> int:
    """Nightly (beat entry in migration 0005): anonymise or delete what passed its retention
    period. One transaction, idempotent; returns the RetentionRun's id."""
    from .privacy import retention_apply

    run = retention_apply()
    logger.info(
        "retention applied",
        extra={"retention_run": run.pk, "counts": {k: v["count"] for k, v in run.removed.items()}},
    )
    return run.pk

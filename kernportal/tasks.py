import logging
from smtplib import SMTPException

from celery import shared_task

from .mail import outbox_pending_ids, outbox_send

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
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

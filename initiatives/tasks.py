from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def purge_pending_uploads() -> int:
    """Hourly (django-celery-beat): remove attachments of forms not sent within a day."""
    return services.pending_uploads_purge()

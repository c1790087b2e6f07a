from celery import shared_task

from .escalation import questions_escalate_late

ESCALATE_TASK = "contacts.tasks.escalate_late_questions"


@shared_task(name=ESCALATE_TASK, acks_late=True, soft_time_limit=120, time_limit=180)
def escalate_late_questions() -> int:
    """Beat entry point (hourly): report late questions; safe to run twice."""
    return questions_escalate_late()

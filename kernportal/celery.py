import os

from celery import Celery, signals

from kernportal.logs import request_id_var

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kernportal.settings")

app = Celery("kernportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
def _log_with_task_id(task_id=None, **kwargs):
    """A worker's log lines carry the task id where a web process's carry the request id."""
    request_id_var.set(task_id or "-")

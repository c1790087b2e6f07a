from django.apps import AppConfig


class KernportalConfig(AppConfig):
    """Cross-cutting pieces: the e-mail outbox, dashboard panels and shared helpers."""

    name = "kernportal"
    verbose_name = "Kernportal"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the Celery tasks the outbox enqueues by name)

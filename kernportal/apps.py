from django.apps import AppConfig


class KernportalConfig(AppConfig):
    """Cross-cutting pieces: the e-mail outbox, dashboard panels and shared helpers."""

    name = "kernportal"
    verbose_name = "Kernportal"

    def ready(self):
        from django.core.signals import request_finished

        from . import checks, delivery, security, tasks  # noqa: F401  (tasks: registers what the outbox enqueues by name)
        from .logs import forget_request_id

        request_finished.connect(forget_request_id, dispatch_uid="kernportal.forget_request_id")
        checks.register()
        security.connect_receivers()
        delivery.connect_receivers()

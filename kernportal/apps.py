from django.apps import AppConfig


class KernportalConfig(AppConfig):
    """Cross-cutting pieces: the e-mail outbox, dashboard panels and shared helpers."""

    name = "kernportal"
    verbose_name = "Kernportal"

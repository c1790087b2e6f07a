from django.apps import AppConfig


class KernenConfig(AppConfig):
    name = "kernen"
    verbose_name = "Kernen"

    def ready(self):
        from . import history, panels  # noqa: F401  (the agenda panel, history access)

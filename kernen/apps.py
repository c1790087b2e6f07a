from django.apps import AppConfig


class KernenConfig(AppConfig):
    name = "kernen"
    verbose_name = "Kernen"

    def ready(self):
        from . import panels  # noqa: F401  (registers the agenda panel)

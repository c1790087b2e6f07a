from django.apps import AppConfig


class KernenConfig(AppConfig):
    name = "kernen"
    verbose_name = "Kernen"

    def ready(self):
        from . import panels, search  # noqa: F401  (registers the agenda panel and search)

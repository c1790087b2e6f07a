from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernenConfig(AppConfig):
    name = "kernen"
    verbose_name = _("Kernen")

    def ready(self):
        from . import panels  # noqa: F401  (registers the agenda panel)

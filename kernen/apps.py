from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernenConfig(AppConfig):
    name = "kernen"
    verbose_name = _("Kernen")

    def ready(self):
        from . import history, panels  # noqa: F401  (the agenda panel, history access)

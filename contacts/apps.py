from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Contacten")

    def ready(self):
        from . import digest, feeds, history, panels, search  # noqa: F401  (registers)

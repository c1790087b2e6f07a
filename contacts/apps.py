from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contacten"

    def ready(self):
        from . import digest, feeds, panels, search  # noqa: F401  (registers panels, digest, feed, search)

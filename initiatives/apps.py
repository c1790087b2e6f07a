from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = "Initiatieven"

    def ready(self):
        from . import digest, history, panels  # noqa: F401  (panels, digest sections, history access)

from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = "Initiatieven"

    def ready(self):
        from . import digest, panels  # noqa: F401  (registers panels and digest sections)

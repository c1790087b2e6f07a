from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = "Initiatieven"

    def ready(self):
        from . import digest, panels, search  # noqa: F401  (registers panels, digest, search)

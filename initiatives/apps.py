from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = "Initiatieven"

    def ready(self):
        from kernportal.public_cache import invalidate_on

        from . import digest, history, panels, search  # noqa: F401  (registers)
        from .models import Initiative

        invalidate_on(Initiative)  # the public list, map, detail pages and kern pages

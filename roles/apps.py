from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Rollen en participatie"

    def ready(self):
        from . import classifiable, digest, integrations, panels  # noqa: F401  (registers panels and digest)
        from .models import ParticipationRequest

        classifiable.register(
            ParticipationRequest,
            kern_getter=lambda obj: obj.kernen.all(),
            title_getter=lambda obj: obj.subject,
        )
        integrations.register_all()

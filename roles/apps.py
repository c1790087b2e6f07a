from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Rollen en participatie"

    def ready(self):
        from . import classifiable, digest, integrations, panels, search  # noqa: F401  (registers)
        from .access import get_request_for_user
        from .models import ParticipationRequest

        classifiable.register(
            ParticipationRequest,
            kern_getter=lambda obj: obj.kernen.all(),
            title_getter=lambda obj: obj.subject,
            get_for_user=get_request_for_user,
        )
        integrations.register_all()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Rollen en participatie")

    def ready(self):
        from django.urls import reverse

        from . import classifiable, digest, integrations, panels, search  # noqa: F401  (registers)
        from .access import get_request_for_user
        from .models import ParticipationRequest

        classifiable.register(
            ParticipationRequest,
            kern_getter=lambda obj: obj.kernen.all(),
            title_getter=lambda obj: obj.subject,
            get_for_user=get_request_for_user,
            link_getter=lambda pk, kern: reverse("roles:request_detail", args=[pk]),
        )
        integrations.register_all()

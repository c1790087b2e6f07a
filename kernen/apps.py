from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernenConfig(AppConfig):
    name = "kernen"
    verbose_name = _("Kernen")

    def ready(self):
        from django.contrib.auth import get_user_model

        from kernportal.public_cache import invalidate_on

        from . import history, panels, search  # noqa: F401  (registers)
        from .models import CommunityGroup, KcpAssignment, Kern, StaffProfile

        # The public kern pages show kernen, their groups and their KCPs' names and numbers.
        invalidate_on(Kern, KcpAssignment, CommunityGroup, StaffProfile)
        invalidate_on(get_user_model(), ignore_fields={"last_login"})

"""What roles offers the staff search (kernportal/search.py): participation requests, scoped
as roles/access.py get_request_for_user (ParticipationRequest.objects.visible_to)."""

from django.utils.translation import gettext_lazy as _

from kernen.access import is_staff
from kernportal import search

from .models import ParticipationRequest


@search.register(
    "participatieverzoeken",
    heading=_("Participatieverzoeken"),
    template="roles/search_request.html",
    fields=("subject", "ask", "department"),
    may_search=is_staff,
    order=80,
)
def requests(user):
    return ParticipationRequest.objects.visible_to(user)

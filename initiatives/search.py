"""What initiatives offers the staff search (kernportal/search.py): initiatives the user may
see (initiatives/access.py: all with the capability, otherwise the ones they guide)."""

from django.utils.translation import gettext_lazy as _

from kernportal import search

from . import access
from .models import Initiative
from .models.initiative import Theme


@search.register(
    "initiatieven",
    heading=_("Initiatieven"),
    template="initiatives/search_initiative.html",
    fields=("title", "description", "goal", "initiator_name", "place_description"),
    may_search=access.can_view_initiatives,
    order=70,
    also=search.label_matches("theme", Theme.choices),
)
def initiatives(user):
    return Initiative.objects.visible_to(user)

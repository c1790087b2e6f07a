"""What kernen offers the staff search (kernportal/search.py): kernen and agenda items."""

from django.utils.translation import gettext_lazy as _

from kernportal import search

from . import access
from .models import AgendaItem, Kern


@search.register(
    "kernen",
    heading=_("Kernen"),
    template="kernen/search_kern.html",
    fields=("name", "description"),
    may_search=access.is_staff,
    order=10,
    stored_vector=False,  # about a hundred rows: matched on the fly
)
def kernen(user):
    return Kern.objects.all()


@search.register(
    "agendapunten",
    heading=_("Agendapunten"),
    template="kernen/search_agendaitem.html",
    fields=("title", "description", "responsible"),
    may_search=lambda user: access.is_staff(user) and access.can_view_agenda(user),
    order=50,
    also=search.label_matches("theme", AgendaItem.Theme.choices),
)
def agenda_items(user):
    return AgendaItem.objects.select_related("kern")

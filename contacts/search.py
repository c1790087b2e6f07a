"""One staff search over kernen, contacts, contact moments, agenda items and questions.

PostgreSQL: full-text search with the Dutch configuration (stemming: "wegen" finds "weg").
Other databases: every word must occur somewhere in the fields (icontains), good enough for
the embedded default. django.contrib.postgres need not be installed to use its search module.
"""

from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kernen import access as kernen_access
from kernen.models import AgendaItem, Kern

from . import access
from .models import ContactMoment, Person, Question

LIMIT = 20


def _questions(user):
    return Question.objects.visible_to(user, access.my_kern_ids(user)).select_related("kern")


TARGETS = [
    # key, heading, fields, who may search it (the owning app's access), what they may find
    ("kernen", _("Kernen"), ["name", "description"], kernen_access.is_staff, lambda u: Kern.objects.all()),
    ("contacts", _("Contactpersonen"), ["name", "role", "notes", "email"], access.can_view_persons, lambda u: Person.objects.all()),
    ("moments", _("Contactmomenten"), ["summary", "agreements"], access.can_view_moments, lambda u: ContactMoment.objects.select_related("kern")),
    ("agenda", _("Agendapunten"), ["title", "description", "responsible"], kernen_access.can_view_agenda, lambda u: AgendaItem.objects.select_related("kern")),
    ("questions", _("Vragen"), ["text", "answer", "asker_name"], access.can_view_questions, _questions),
]  # fmt: skip


def _words(query: str) -> list[str]:
    return [w for w in query.split() if w][:10]


def _match(queryset, fields, query):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector(*fields, config="dutch")
        return queryset.annotate(search=vector).filter(
            search=SearchQuery(query, config="dutch", search_type="websearch")
        )
    conditions = [
        reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
        for word in _words(query)
    ]
    return queryset.filter(reduce(and_, conditions)) if conditions else queryset.none()


def search_all(user, query: str) -> list[dict]:
    """[{key, heading, items}] for each kind the user may see; one query per kind."""
    results = []
    for key, heading, fields, may_search, readable in TARGETS:
        if not may_search(user):
            continue
        items = list(_match(readable(user), fields, query)[:LIMIT])
        results.append({"key": key, "heading": heading, "items": items})
    return results

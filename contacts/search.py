"""One staff search over kernen, contacts, contact moments, agenda items and questions.

PostgreSQL: full-text search with the Dutch configuration (stemming: "wegen" finds "weg").
Other databases: every word must occur somewhere in the fields (icontains), good enough for
the embedded default. django.contrib.postgres need not be installed to use its search module.
"""

from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q

from kernen.models import AgendaItem, Kern

from .access import my_kern_ids
from .models import ContactMoment, Person, Question

LIMIT = 20

TARGETS = [
    # key, heading, model, fields, needed permission
    ("kernen", "Kernen", Kern, ["name", "description"], "kernen.view_kern"),
    ("contacts", "Contactpersonen", Person, ["name", "role", "notes", "email"], "contacts.view_person"),
    ("moments", "Contactmomenten", ContactMoment, ["summary", "agreements"], "contacts.view_contactmoment"),
    ("agenda", "Agendapunten", AgendaItem, ["title", "description", "responsible"], "kernen.view_agendaitem"),
    ("questions", "Vragen", Question, ["text", "answer", "asker_name"], "contacts.view_question"),
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
    for key, heading, model, fields, perm in TARGETS:
        if not user.has_perm(perm):
            continue
        queryset = model.objects.all()
        if model is ContactMoment or model is AgendaItem:
            queryset = queryset.select_related("kern")
        elif model is Question:
            queryset = Question.objects.visible_to(user, my_kern_ids(user)).select_related("kern")
        items = list(_match(queryset, fields, query)[:LIMIT])
        results.append({"key": key, "heading": heading, "items": items})
    return results

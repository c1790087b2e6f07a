"""What roles classifies in the other apps: agenda items, initiatives and questions, plus the
kern's community agenda for the participation brake. Each part is wired only when its app is
installed, so roles works with any of them missing."""

from django.apps import apps
from django.shortcuts import get_object_or_404
from django.urls import reverse

from . import classifiable


def register_all() -> None:
    if apps.is_installed("kernen"):
        _register_agenda()
    if apps.is_installed("initiatives"):
        _register_initiatives()
    if apps.is_installed("contacts"):
        _register_questions()


def _register_agenda():
    from kernen.access import require_staff
    from kernen.agenda import register_badges
    from kernen.models import AgendaItem

    def get_for_user(user, pk):
        require_staff(user)
        return get_object_or_404(AgendaItem.objects.select_related("kern"), pk=pk)

    classifiable.register(
        AgendaItem,
        kern_getter=lambda item: item.kern,
        title_getter=lambda item: item.title,
        url_getter=lambda item: reverse("kernen:detail", args=[item.kern.slug]),
        get_for_user=get_for_user,
    )
    classifiable.register_agenda_source(community_agenda_items)
    register_badges(agenda_role_badges)


def agenda_role_badges(items):
    """The chosen role of each agenda item as a badge for its row on the kern page (one query)."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Classification
    from .templatetags.roles import role_badge

    if not items:
        return {}
    content_type = ContentType.objects.get_for_model(items[0])
    current = Classification.objects.current().filter(
        content_type=content_type, object_id__in=[item.pk for item in items]
    )
    badges = {}
    for object_id, role in current.values_list("object_id", "role"):
        badges.setdefault(object_id, []).append(role_badge(role))
    return badges


def community_agenda_items(kern, start, end):
    """The community side of the kern's agenda that overlaps [start, end], as (period, title)."""
    from kernen.models import AgendaItem

    items = (
        AgendaItem.objects.filter(kern=kern, side=AgendaItem.Side.COMMUNITY, start_date__lte=end)
        .exclude(status=AgendaItem.Status.CANCELLED)
        .order_by("start_date")
    )
    result = []
    for item in items:
        last = item.end_date or item.start_date
        if last >= start:
            period = item.start_date if last == item.start_date else (item.start_date, last)
            result.append((period, item.title))
    return result


def _register_initiatives():
    from initiatives.access import get_initiative_for_user
    from initiatives.models import Initiative

    classifiable.register(
        Initiative,
        kern_getter=lambda initiative: initiative.kernen.all(),
        title_getter=lambda initiative: initiative.title,
        get_for_user=get_initiative_for_user,
    )


def _register_questions():
    from contacts.access import get_question_for_user
    from contacts.models import Question

    classifiable.register(
        Question,
        kern_getter=lambda question: question.kern,
        # Never the question's text: the title is stored on the classification row.
        title_getter=lambda question: (
            f"{question.get_kind_display()} #{question.pk} uit {question.kern.name}"
        ),
        get_for_user=get_question_for_user,
    )

"""How roles learns what it can classify without importing the other apps: every installed app
with a `role_targets` module registers its models (and community-agenda sources) there, passing
each its own access check. An app that is not installed simply offers nothing."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

from kernen.agenda import register_badges

from . import classifiable

MODULE = "role_targets"


def register_all() -> None:
    for config in apps.get_app_configs():
        name = f"{config.name}.{MODULE}"
        if find_spec(config.name) and find_spec(name):
            import_module(name).register(classifiable)
    register_badges(agenda_role_column, agenda_role_badges)


def agenda_role_column():
    """The chosen role of each agenda item, read along with the items."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import OuterRef, Subquery

    from kernen.models import AgendaItem

    from .models import Classification

    content_type = ContentType.objects.get_for_model(AgendaItem)
    current = Classification.objects.current().filter(
        content_type=content_type, object_id=OuterRef("pk")
    )
    return {"current_role": Subquery(current.order_by().values("role")[:1])}


def agenda_role_badges(item):
    """The chosen role as a badge for the item's row on the kern page."""
    from .templatetags.roles import role_badge

    role = getattr(item, "current_role", None)
    return [role_badge(role)] if role else []

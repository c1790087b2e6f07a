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

from django import template
from django.utils.html import format_html

from ..definitions import ROLES, Role

register = template.Library()


@register.simple_tag
def role_badge(role):
    """A labelled badge: the Dutch name is always written, colour is never the only signal."""
    if not role:
        return format_html('<span class="badge text-bg-light border">{}</span>', "geen rol")
    definition = ROLES[Role(role)]
    return format_html(
        '<span class="badge badge-role {}" title="{}">{}</span>',
        definition.css_class,
        definition.explanation,
        definition.label,
    )


@register.filter
def role_definition(role):
    return ROLES[Role(role)]

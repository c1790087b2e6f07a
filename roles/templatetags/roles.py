from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..access import can_classify
from ..definitions import ROLES, Role

register = template.Library()


@register.simple_tag
def role_badge(role):
    """A labelled badge: the role's name is always written, colour is never the only signal."""
    if not role:
        return format_html('<span class="badge text-bg-light border">{}</span>', _("geen rol"))
    definition = ROLES[Role(role)]
    return format_html(
        '<span class="badge badge-role {}" title="{}">{}</span>',
        definition.css_class,
        definition.explanation,
        definition.label,
    )


@register.inclusion_tag("roles/_object_roles.html", takes_context=True)
def object_roles(context, obj):
    """The object's current role per kern, with a link to classify it (one query).
    For detail pages; lists should not call it per row."""
    from ..models import Classification

    current = Classification.objects.for_object(obj).current().select_related("kern")
    user = context["request"].user
    return {
        "classifications": list(current),
        "classify_url": reverse("roles:classify", args=[obj._meta.label_lower, obj.pk]),
        "may_classify": can_classify(user),
    }

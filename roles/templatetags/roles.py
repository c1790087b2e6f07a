import math

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
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


@register.simple_tag
def role_bar(mix):
    """A stacked bar of a `RoleMix`, with every count also written out (colour is never the
    only signal). A tag, not an included template: the overview draws one per kern."""
    segments = mix.segments()
    label = format_html('<a href="{}">{}</a>', mix.url, mix.label) if mix.url else mix.label
    counts = ", ".join(f"{definition.colour} {count}" for definition, count, _pct in segments)
    total = _("(totaal %(total)s)") % {"total": mix.total}
    if mix.total:
        parts = format_html_join(
            "",
            '<div class="{} text-center small role-bar-{}">{} {}</div>',
            (
                (definition.css_class, math.floor(pct + 0.5), definition.colour[:1].upper(), count)
                for definition, count, pct in segments
                if count
            ),
        )
    else:
        parts = format_html(
            '<div class="small text-body-secondary px-2">{}</div>', _("geen ingedeeld werk")
        )
    return format_html(
        '<div class="mb-2"><div class="small fw-semibold">{}: {} {}</div>'
        '<div class="d-flex border rounded overflow-hidden role-bar" aria-hidden="true">{}</div>'
        "</div>",
        label,
        counts,
        total,
        parts,
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

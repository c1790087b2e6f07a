from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from kernportal import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, **kwargs):
    """Render every panel registered for `slot`."""
    request = context["request"]
    html = "\n".join(
        render_to_string(template_name, {**panel_context, **kwargs}, request=request)
        for template_name, panel_context in registry.collect(slot, request, **kwargs)
    )
    # Each part is the output of a template with autoescaping on: user data is already escaped.
    return mark_safe(html)  # noqa: S308

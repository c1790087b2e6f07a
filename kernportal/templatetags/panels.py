from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from kernportal import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, **kwargs):
    """Render every panel registered for `slot`; each template escapes its own output."""
    request = context["request"]
    rendered = (
        (render_to_string(tpl, {**ctx, **kwargs}, request=request),)
        for tpl, ctx in registry.collect(slot, request, **kwargs)
    )
    return format_html_join("\n", "{}", ((_Safe(html),) for (html,) in rendered))


class _Safe(str):
    """Already-rendered template output: mark it safe for format_html_join."""

    def __html__(self):
        return self

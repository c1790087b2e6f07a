from django import template

from kernportal.pagination import page_query

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param="pagina"):
    """`?<query>` for page `number` of the list, the other parameters kept."""
    return "?" + page_query(context["request"], number, param=param)

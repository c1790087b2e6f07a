"""`{{ grant.amount|euro }}` → "€ 1.250,50" on every page and in every e-mail."""

from django import template

from kernportal.amounts import euro as format_euro

register = template.Library()


@register.filter
def euro(value):
    return format_euro(value)

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kernen.models import AgendaItem

register = template.Library()

# A primary key no item has, reversed once per page and replaced by each item's.
_PK = 2_147_483_647


@register.simple_tag(takes_context=True)
def agenda_item(context, item):
    """One item in a cell of the kern page's two agendas: its title (a link for who may edit
    it), date, theme, status, owner, role badges and the link to choose its role. Written in
    Python rather than an included template: the page shows up to 82 items and the include
    cost about three times as much per item. Needs `kern`, `can_edit_agenda` and
    `can_classify` in the context and `item.badges` (kernen.agenda.with_shown_badges)."""
    page = _page(context)
    pk = str(item.pk)
    if page["edit_url"]:
        title = format_html('<a href="{}">{}</a>', pk.join(page["edit_url"]), item.title)
    else:
        title = format_html("<strong>{}</strong>", item.title)
    when = ""
    if item.start_date:
        when = date_format(item.start_date)
        if item.end_date:
            when += "–" + date_format(item.end_date)
        when += " · "
    badges = getattr(item, "badges", [])
    role = classify = ""
    if badges:
        role = format_html(" · {}", mark_safe("".join(badges)))  # noqa: S308 (safe HTML)
    if page["classify_url"]:
        classify = format_html(
            ' · <a href="{}">{}<span class="visually-hidden"> {}</span></a>',
            pk.join(page["classify_url"]),
            page["change_role"] if badges else page["set_role"],
            mark_safe(page["of_title"] % {"title": conditional_escape(item.title)}),  # noqa: S308
        )
    return format_html(
        '<div class="mb-1">{}\n  <small class="d-block text-body-secondary">{}{} · {} · {}{}{}'
        "</small></div>\n",
        title,
        when,
        page["themes"].get(item.theme, item.theme),
        page["statuses"].get(item.status, item.status),
        item.responsible,
        role,
        classify,
    )


def _page(context) -> dict:
    """What every item on the page shares, worked out once per rendering: the links with a
    placeholder for the item (split around it) and the translated words."""
    page = context.render_context.get(agenda_item)
    if page is None:
        kern = context["kern"]
        page = context.render_context[agenda_item] = {
            "edit_url": _split(reverse("kernen:agenda_edit", args=[kern.slug, _PK]))
            if context.get("can_edit_agenda")
            else None,
            "classify_url": _split(reverse("roles:classify", args=["kernen.agendaitem", _PK]))
            if context.get("can_classify")
            else None,
            "themes": {value: str(label) for value, label in AgendaItem.Theme.choices},
            "statuses": {value: str(label).lower() for value, label in AgendaItem.Status.choices},
            "change_role": _("rol wijzigen"),
            "set_role": _("rol bepalen"),
            "of_title": _("van %(title)s"),
        }
    return page


def _split(url: str) -> tuple[str, str]:
    head, _sep, tail = url.rpartition(str(_PK))
    return head, tail

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def agenda_item(context, item):
    """One item in a cell of the kern page's two agendas: its title (a link for who may edit
    it), date, theme, status, owner, role badges and the link to choose its role. Written in
    Python rather than an included template: the page shows up to 82 items and the include
    cost about three times as much per item. Needs `kern`, `can_edit_agenda` and
    `can_classify` in the context and `item.badges` (kernen.agenda.with_shown_badges)."""
    if context.get("can_edit_agenda"):
        url = reverse("kernen:agenda_edit", args=[context["kern"].slug, item.pk])
        title = format_html('<a href="{}">{}</a>', url, item.title)
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
    if context.get("can_classify"):
        classify = format_html(
            ' · <a href="{}">{}<span class="visually-hidden"> {}</span></a>',
            reverse("roles:classify", args=["kernen.agendaitem", item.pk]),
            _("rol wijzigen") if badges else _("rol bepalen"),
            mark_safe(_("van %(title)s") % {"title": conditional_escape(item.title)}),  # noqa: S308
        )
    return format_html(
        '<div class="mb-1">{}\n  <small class="d-block text-body-secondary">{}{} · {} · {}{}{}'
        "</small></div>\n",
        title,
        when,
        item.get_theme_display(),
        item.get_status_display().lower(),
        item.responsible,
        role,
        classify,
    )

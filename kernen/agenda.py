"""The kern's two agendas side by side, agenda item forms and the iCalendar feed per kern.

Views live here (not in kernen/views.py) because the agenda links to contact moments, which
belong to `contacts`; the feed is public by URL secret because calendar apps cannot log in.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

import icalendar

from contacts import access as contacts_access
from contacts import services as contacts_services
from contacts.forms import AgendaItemForm
from contacts.models import CalendarFeedToken, ContactMoment
from kernportal.forms import call_service

from . import access
from .models import AgendaItem, Kern

MONTHS_BEFORE = 1
MONTHS_AFTER = 10
MONTH_NAMES = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


@dataclass
class MonthRow:
    first: datetime.date
    last: datetime.date
    community: list = field(default_factory=list)
    municipal: list = field(default_factory=list)

    @property
    def label(self):
        return f"{MONTH_NAMES[self.first.month - 1]} {self.first.year}"

    @property
    def is_clash(self):
        return bool(self.community and self.municipal)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def two_agendas(items, today=None) -> dict:
    """Lay out a kern's agenda items over a common month axis (one query done by the caller).
    A month where both sides have something is a clash the KCP should look at."""
    today = today or timezone.localdate()
    start = _add_months(today.replace(day=1), -MONTHS_BEFORE)
    rows = []
    for offset in range(MONTHS_BEFORE + MONTHS_AFTER + 1):
        first = _add_months(start, offset)
        rows.append(MonthRow(first=first, last=_add_months(first, 1) - datetime.timedelta(days=1)))
    undated = []
    for item in items:
        if item.start_date is None:
            undated.append(item)
            continue
        for row in rows:
            if item.start_date <= row.last and item.last_date >= row.first:
                side = row.community if item.side == AgendaItem.Side.COMMUNITY else row.municipal
                side.append(item)
    return {
        "rows": rows,
        "undated": undated,
        "clashes": sum(row.is_clash for row in rows),
        "range_start": rows[0].first,
        "range_end": rows[-1].last,
    }


def agenda_items_for(kern, today=None):
    """Items shown on the kern page: undated ones and those in the month axis' range."""
    today = today or timezone.localdate()
    start = _add_months(today.replace(day=1), -MONTHS_BEFORE)
    end = _add_months(start, MONTHS_BEFORE + MONTHS_AFTER + 1)
    dated = AgendaItem.objects.filter(kern=kern).between(start, end)
    undated = AgendaItem.objects.filter(kern=kern, start_date__isnull=True)
    return list((dated | undated).distinct())


def _form_page(request, kern, item=None):
    form = AgendaItemForm(request.POST or None, instance=item or AgendaItem(kern=kern), kern=kern)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        moments = data.pop("contact_moments")
        saved = call_service(
            form,
            contacts_services.agendaitem_save,
            item=form.instance,
            fields=data,
            contact_moments=moments,
        )
        if saved:
            messages.success(request, f"Agendapunt ‘{saved.title}’ is opgeslagen.")
            return redirect(kern)
    return render(
        request, "kernen/agendaitem_form.html", {"kern": kern, "form": form, "item": item}
    )


def agendaitem_create(request, slug):
    kern = access.get_kern_for_user(request.user, slug)
    if not contacts_access.can_work_in_kern(request.user, kern, "kernen.add_agendaitem"):
        raise PermissionDenied
    return _form_page(request, kern)


def agendaitem_edit(request, slug, pk):
    kern = access.get_kern_for_user(request.user, slug)
    item = contacts_access.get_agendaitem_for_user(request.user, kern, pk)
    return _form_page(request, kern, item)


def calendar_subscribe(request):
    """The user's personal feed addresses; POST makes a new secret (old addresses stop)."""
    access.require_staff(request.user)
    if request.method == "POST":
        contacts_services.calendar_token_reset(user=request.user)
        messages.success(request, "U heeft een nieuw agenda-adres. Het oude werkt niet meer.")
        return redirect("contacts:calendar_subscribe")
    token = contacts_services.calendar_token_for(request.user)
    kernen = Kern.objects.active()
    return render(
        request, "kernen/agendaitem_subscribe.html", {"token": token.token, "kernen": kernen}
    )


@login_not_required
def calendar_feed(request, slug, token):
    """iCalendar feed of a kern's dated agenda items and contact moments. The personal token
    stands in for a login; an unknown token or a user without staff capability gets 404."""
    feed_token = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if feed_token is None or not feed_token.user.is_active:
        raise Http404
    user = feed_token.user
    if not (user.has_perm("kernen.view_kern") and user.has_perm("kernen.view_agendaitem")):
        raise Http404
    kern = get_object_or_404(Kern, slug=slug)
    since = timezone.now() - datetime.timedelta(days=365)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kernportal//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Kernportal – {kern.name}")
    stamp = timezone.now()
    for item in AgendaItem.objects.filter(kern=kern).dated():
        event = icalendar.Event()
        event.add("uid", f"agendaitem-{item.pk}@kernportal")
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.title} ({item.get_side_display()})")
        event.add("dtstart", item.start_date)
        event.add("dtend", item.last_date + datetime.timedelta(days=1))
        event.add(
            "description", f"{item.get_status_display()} · {item.responsible}\n{item.description}"
        )
        calendar.add_component(event)
    if user.has_perm("contacts.view_contactmoment"):
        for moment in ContactMoment.objects.filter(kern=kern, happened_at__gte=since):
            event = icalendar.Event()
            event.add("uid", f"contactmoment-{moment.pk}@kernportal")
            event.add("dtstamp", stamp)
            event.add("summary", f"{moment.get_kind_display()} – {kern.name}")
            event.add("dtstart", moment.happened_at)
            event.add("dtend", moment.happened_at + datetime.timedelta(hours=1))
            event.add("url", request.build_absolute_uri(moment.get_absolute_url()))
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{kern.slug}.ics"'
    return response

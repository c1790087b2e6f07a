from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kernportal import panels
from kernportal.delivery import (
    digest_preview_for,
    digest_send_hour,
    next_send_day,
    with_digest_state,
)
from kernportal.forms import call_service
from kernportal.mail import render_email_subject
from kernportal.public_cache import cache_public_page

from . import access, selectors, services
from .feed import kern_calendar
from .forms import (
    AgendaItemForm,
    CommunityGroupForm,
    DigestPreferencesForm,
    KcpAssignmentEndForm,
    KcpAssignmentForm,
    KernDescriptionForm,
    KernForm,
)
from .models import (
    AgendaItem,
    CommunityGroup,
    KcpAssignment,
    Kern,
    StaffProfile,
    group_sections,
)
from .selectors import remember_my_kern_ids


def _current_assignments():
    return Prefetch(
        "kcp_assignments",
        queryset=KcpAssignment.objects.current().select_related("user__profile").primary_first(),
        to_attr="current_assignments",
    )


# --- Public ------------------------------------------------------------------------------------


@login_not_required
@cache_public_page
def home(request):
    kernen = Kern.objects.active().prefetch_related(_current_assignments())
    return render(request, "kernen/kern_public_list.html", {"kernen": kernen})


@login_not_required
@cache_public_page
def public_detail(request, slug):
    kern = get_object_or_404(
        Kern.objects.active().prefetch_related(
            _current_assignments(),
            Prefetch(
                "groups",
                queryset=CommunityGroup.objects.filter(is_active=True),
                to_attr="active_groups",
            ),
        ),
        slug=slug,
    )
    return render(
        request,
        "kernen/kern_public_detail.html",
        {"kern": kern, "group_sections": group_sections(kern.active_groups)},
    )


# --- Staff -------------------------------------------------------------------------------------


def dashboard(request):
    access.require_staff(request.user)
    # The page shows the user's own current assignments per kern: one query gives the kernen
    # (with their alderman) and those assignments, primary first.
    assignments = (
        KcpAssignment.objects.current()
        .filter(user=request.user)
        .select_related("kern__alderman")
        .order_by("kern__name", "kern_id")
    )
    kernen = {}
    for assignment in assignments:
        kern = kernen.setdefault(assignment.kern_id, assignment.kern)
        if not hasattr(kern, "current_assignments"):
            kern.current_assignments = []
        kern.current_assignments.append(assignment)
    for kern in kernen.values():
        kern.current_assignments.sort(key=lambda a: (not a.is_primary, a.start_date))
    # The same kernen the dashboard panels ask my_kern_ids for: one query fewer per page.
    remember_my_kern_ids(request.user, kernen)
    return render(request, "kernen/dashboard.html", {"kernen": list(kernen.values())})


def kern_list(request):
    access.require_staff(request.user)
    kernen = Kern.objects.select_related("alderman").prefetch_related(_current_assignments())
    query = request.GET.get("q", "").strip()[:100]
    if query:
        kernen = kernen.filter(name__icontains=query)
    return render(request, "kernen/kern_list.html", {"kernen": kernen, "query": query})


def kern_detail(request, slug):
    access.require_staff(request.user)
    today = timezone.localdate()
    assignments = selectors.kern_assignments(request.user, slug, today)
    kern = access.get_kern_for_user(
        request.user, slug, counts=panels.counts("kern_detail", request)
    )
    context = {
        "kern": kern,
        "group_sections": group_sections(kern.groups.all()),
        # The primary first, whoever was assigned last: the backup is the stand-in.
        "current_assignments": sorted(
            (a for a in assignments if a.is_current(today)), key=lambda a: not a.is_primary
        ),
        "planned_assignments": [a for a in assignments if a.start_date > today],
        "past_assignments": [a for a in assignments if a.end_date and a.end_date < today],
        "can_edit": access.can_edit_kern(request.user, kern),
        "can_manage_kcps": access.can_manage_kcps(request.user),
    }
    return render(request, "kernen/kern_detail.html", context)


def kern_edit(request, slug):
    kern = access.get_kern_for_user(request.user, slug, write=True)
    form_class = KernForm if access.can_manage_all_kernen(request.user) else KernDescriptionForm
    form = form_class(request.POST or None, instance=kern)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if call_service(form, services.kern_update, kern=kern, fields=fields):
            messages.success(request, _("Kern %(kern)s is bijgewerkt.") % {"kern": kern})
            return redirect(kern)
    return render(request, "kernen/kern_form.html", {"kern": kern, "form": form})


def group_create(request, slug):
    kern = access.get_kern_for_user(request.user, slug, write=True)
    access.require(request.user, "kernen.add_communitygroup")
    form = CommunityGroupForm(request.POST or None, instance=CommunityGroup(kern=kern))
    if request.method == "POST" and form.is_valid():
        group = call_service(
            form, services.communitygroup_create, kern=kern, fields=form.cleaned_data
        )
        if group:
            messages.success(request, _("Groep %(name)s is toegevoegd.") % {"name": group.name})
            return redirect(kern)
    return render(request, "kernen/communitygroup_form.html", {"kern": kern, "form": form})


def group_edit(request, slug, pk):
    kern = access.get_kern_for_user(request.user, slug, write=True)
    group = access.get_group_for_user(request.user, kern, pk)
    form = CommunityGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if call_service(form, services.communitygroup_update, group=group, fields=fields):
            messages.success(request, _("Groep %(name)s is bijgewerkt.") % {"name": group.name})
            return redirect(kern)
    return render(
        request, "kernen/communitygroup_form.html", {"kern": kern, "form": form, "group": group}
    )


def assignment_create(request, slug):
    kern = access.get_kern_for_user(request.user, slug)
    if not access.can_manage_kcps(request.user):
        raise PermissionDenied
    form = KcpAssignmentForm(request.POST or None, instance=KcpAssignment(kern=kern))
    if request.method == "POST" and form.is_valid():
        assignment = call_service(form, services.kcp_assign, kern=kern, **form.cleaned_data)
        if assignment:
            messages.success(
                request,
                _("%(name)s is KCP van %(kern)s.")
                % {"name": assignment.user.get_full_name(), "kern": kern},
            )
            return redirect(kern)
    return render(request, "kernen/kcpassignment_form.html", {"kern": kern, "form": form})


def assignment_end(request, slug, pk):
    kern = access.get_kern_for_user(request.user, slug)
    assignment = access.get_assignment_for_user(request.user, kern, pk)
    form = KcpAssignmentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ended = call_service(
            form,
            services.kcp_assignment_end,
            assignment=assignment,
            end_date=form.cleaned_data["end_date"],
        )
        if ended:
            messages.success(
                request, _("De toewijzing is beëindigd en blijft in de geschiedenis staan.")
            )
            return redirect(kern)
    return render(
        request,
        "kernen/kcpassignment_end.html",
        {"kern": kern, "form": form, "assignment": assignment},
    )


# --- Agenda ------------------------------------------------------------------------------------


def _agendaitem_form_page(request, kern, item=None):
    form = AgendaItemForm(request.POST or None, instance=item or AgendaItem(kern=kern))
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.agendaitem_save, item=form.instance, fields=form.cleaned_data
        )
        if saved:
            messages.success(
                request, _("Agendapunt ‘%(title)s’ is opgeslagen.") % {"title": saved.title}
            )
            return redirect(kern)
    return render(
        request, "kernen/agendaitem_form.html", {"kern": kern, "form": form, "item": item}
    )


def agendaitem_create(request, slug):
    kern = access.get_kern_for_user(request.user, slug)
    access.require_agenda_planning(request.user, kern)
    return _agendaitem_form_page(request, kern)


def agendaitem_edit(request, slug, pk):
    kern = access.get_kern_for_user(request.user, slug)
    item = access.get_agendaitem_for_user(request.user, pk, kern=kern, write=True)
    return _agendaitem_form_page(request, kern, item)


def calendar_subscribe(request):
    """The user's personal feed addresses; POST makes a new secret (old addresses stop)."""
    access.require_staff(request.user)
    if request.method == "POST":
        services.calendar_token_reset(user=request.user)
        messages.success(request, _("U heeft een nieuw agenda-adres. Het oude werkt niet meer."))
        return redirect("kernen:calendar_subscribe")
    token = services.calendar_token_for(request.user)
    kernen = Kern.objects.active()
    return render(
        request, "kernen/agendaitem_subscribe.html", {"token": token.token, "kernen": kernen}
    )


@login_not_required
def calendar_feed(request, slug, token):
    """iCalendar feed of a kern for the user whose personal token is in the URL (calendar apps
    cannot log in); an unknown token or a user without the capability gets 404."""
    user = access.get_feed_user(token)
    kern = get_object_or_404(Kern, slug=slug)
    body = kern_calendar(user, kern, request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{kern.slug}.ics"'
    return response


# --- My digest ---------------------------------------------------------------------------------


def digest_preview(request):
    """'My next digest' exactly as it would be sent now, beside the user's preferences."""
    access.require_staff(request.user)
    now = timezone.now()
    # The preferences with the user's deliveries in one query (a profile is made once if none).
    mine = with_digest_state(StaffProfile.objects.filter(user=request.user), now)
    profile = mine.first()
    if profile is None:
        StaffProfile.objects.get_or_create(user=request.user)
        profile = mine.first()
    form = DigestPreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if call_service(
            form, services.staffprofile_update_preferences, user=request.user, fields=fields
        ):
            messages.success(request, _("Uw voorkeuren zijn opgeslagen."))
            return redirect("kernen:digest_preview")
    request.user.profile = profile
    digest = digest_preview_for(request.user, now, window_start=profile.digest_window_start)
    send_hour = digest_send_hour()
    context = {
        "form": form,
        # Each section holds its first items and knows its total (kernportal.digest.SectionItems),
        # in the e-mail as on this page.
        "digest": digest,
        "subject": render_email_subject("digest", {"digest": digest}),
        "site_url": settings.SITE_URL,
        "send_hour": send_hour,
        "next_period": next_send_day(profile, now, send_hour, served=profile.digest_served),
        "send_empty": settings.KERNPORTAL_DIGEST_SEND_EMPTY,
    }
    return render(request, "kernen/digest_preview.html", context)

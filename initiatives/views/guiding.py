"""Staff pages for guiding initiatives: the board and its exports, the detail page, the
guiding actions, attachments and the escalations overview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernen.models import Kern
from kernportal.files import serve_file
from kernportal.forms import call_service
from kernportal.pagination import paginate
from kernportal.security import security_event

from .. import access, exports, services
from ..filters import InitiativeFilter
from ..forms import (
    EscalateForm,
    LinkForm,
    NoteForm,
    ReassignForm,
    SupportRecordForm,
    TransitionForm,
)
from ..models import Initiative, Status

ESCALATIONS_PER_PAGE = 50
BOARD_ORDER = ("-created_at", "-pk")


def _board_filter(request):
    queryset = Initiative.objects.visible_to(request.user)
    return InitiativeFilter(request.GET or None, queryset=queryset)


def board(request):
    access.require_initiative_staff(request.user)
    filterset = _board_filter(request)
    page = paginate(request, filterset.qs.order_by(*BOARD_ORDER))
    # The page's ids first, then only those rows get their grant totals and kernen: as a
    # column of the paged query, the totals' subquery ran for every row the OFFSET skipped
    # (43 ms on page 300 of 400).
    page.object_list = (
        Initiative.objects.filter(pk__in=page.object_list.values("pk"))
        .for_board()
        .order_by(*BOARD_ORDER)
    )
    initiatives = page.object_list
    columns = None
    if request.GET.get("weergave") == "kolommen":
        # Each column shows this page's initiatives and the count of all that match (one query).
        counts = filterset.qs.order_by().values("status").annotate(n=Count("pk"))
        totals = {row["status"]: row["n"] for row in counts}
        columns = [
            (label, [i for i in initiatives if i.status == value], totals.get(value, 0))
            for value, label in Status.choices
        ]
    query = request.GET.copy()
    query.pop("weergave", None)
    return render(
        request,
        "initiatives/initiative_board.html",
        {
            "filter": filterset,
            "initiatives": initiatives,
            "page_obj": page,
            "columns": columns,
            "query": query.urlencode(),
        },
    )


def export(request, fmt):
    access.require_initiative_staff(request.user)
    filterset = _board_filter(request)
    if filterset.is_bound and not filterset.is_valid():
        raise Http404
    initiatives = filterset.qs.for_board()
    security_event(
        "personal_data_export",
        request=request,
        user=request.user,
        export="initiatives",
        format=fmt,
        filters=sorted(request.GET),
    )
    if fmt == "csv":
        return exports.csv_response(initiatives)
    return exports.xlsx_response(initiatives)


def detail(request, pk):
    initiative = access.get_initiative_for_user(request.user, pk)
    user = request.user
    may_manage = access.can_manage(user, initiative)
    may_decide = access.can_decide(user, initiative)
    context = {
        "initiative": initiative,
        "kernen": initiative.kernen.all(),
        "steps": initiative.steps.select_related("by"),
        "support_records": initiative.support_records.select_related("by"),
        "notes": initiative.notes.select_related("author"),
        "cofundings": initiative.cofundings.all(),
        "attachments": initiative.attachments.all(),
        "grants": initiative.grants.select_related("fund"),
        "contact_moments": initiative.contact_moments.select_related("kern").order_by(
            "-happened_at"
        ),
        "agenda_items": initiative.agenda_items.select_related("kern").order_by("start_date"),
        "may_manage": may_manage,
        "may_decide": may_decide,
        "may_grant": access.can_grant(user, initiative),
        "transition_form": TransitionForm(
            initiative=initiative, may_decide=may_decide, may_manage=may_manage
        ),
    }
    return render(request, "initiatives/initiative_detail.html", context)


def render_action(request, initiative, form, title, submit_label):
    return render(
        request,
        "initiatives/initiative_action.html",
        {"initiative": initiative, "form": form, "title": title, "submit_label": submit_label},
    )


def change_status(request, pk):
    initiative = access.get_initiative_for_user(request.user, pk)
    may_manage = access.can_manage(request.user, initiative)
    may_decide = access.can_decide(request.user, initiative)
    if not (may_manage or may_decide):
        raise PermissionDenied
    form = TransitionForm(
        request.POST or None, initiative=initiative, may_decide=may_decide, may_manage=may_manage
    )
    if request.method == "POST" and form.is_valid():
        to_status = form.cleaned_data["to_status"]
        if not access.can_transition(request.user, initiative, to_status):
            raise PermissionDenied
        step = call_service(
            form,
            services.initiative_transition,
            initiative=initiative,
            by=request.user,
            **form.cleaned_data,
        )
        if step:
            messages.success(
                request,
                _("De status is nu '%(status)s'.") % {"status": step.get_to_status_display()},
            )
            return redirect(initiative)
    return render_action(request, initiative, form, _("Status wijzigen"), _("Status wijzigen"))


def _guide(
    request,
    pk,
    form_class,
    service,
    *,
    success,
    title,
    submit_label,
    records_user=True,
    **form_kwargs,
):
    """One guiding action on its own page: a form whose cleaned data go to one service call.
    Services that record who acted get `by`; `with_initiative=True` hands the form the initiative."""
    initiative = access.get_initiative_for_user(request.user, pk, write=True)
    if form_kwargs.pop("with_initiative", False):
        form_kwargs["initiative"] = initiative
    form = form_class(request.POST or None, **form_kwargs)
    by = {"by": request.user} if records_user else {}
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(form, service, initiative=initiative, **by, **form.cleaned_data)
    ):
        messages.success(request, success)
        return redirect(initiative)
    return render_action(request, initiative, form, title, submit_label)


def reassign(request, pk):
    return _guide(
        request,
        pk,
        ReassignForm,
        services.initiative_reassign,
        with_initiative=True,
        success=_("De contactpersoon is gewijzigd."),
        title=_("Andere contactpersoon"),
        submit_label=_("Wijzigen"),
    )


def support_add(request, pk):
    return _guide(
        request,
        pk,
        SupportRecordForm,
        services.supportrecord_add,
        success=_("Het gesprek of de afspraak is vastgelegd."),
        title=_("Gesprek of afspraak vastleggen"),
        submit_label=_("Vastleggen"),
    )


def note_add(request, pk):
    return _guide(
        request,
        pk,
        NoteForm,
        services.note_add,
        success=_("De notitie is toegevoegd."),
        title=_("Notitie toevoegen"),
        submit_label=_("Toevoegen"),
    )


def links(request, pk):
    return _guide(
        request,
        pk,
        LinkForm,
        services.initiative_link,
        with_initiative=True,
        records_user=False,
        success=_("De koppelingen zijn bijgewerkt."),
        title=_("Contactmomenten en agendapunten koppelen"),
        submit_label=_("Opslaan"),
    )


def escalate(request, pk):
    return _guide(
        request,
        pk,
        EscalateForm,
        services.initiative_escalate,
        success=_("Het initiatief is geëscaleerd; het management is ingelicht."),
        title=_("Escaleren"),
        submit_label=_("Escaleren"),
    )


@require_POST
def deescalate(request, pk):
    initiative = access.get_initiative_for_user(request.user, pk, write=True)
    if initiative.escalated:
        services.initiative_deescalate(initiative=initiative, by=request.user)
        messages.success(request, _("De escalatie is beëindigd."))
    return redirect(initiative)


def attachment_download(request, pk, attachment_pk):
    initiative = access.get_initiative_for_user(request.user, pk)
    attachment = get_object_or_404(initiative.attachments, pk=attachment_pk)
    # An initiator's document is personal data leaving the portal: traced like the exports.
    security_event(
        "personal_data_export",
        request=request,
        user=request.user,
        export="attachment",
        initiative=initiative.pk,
        attachment=attachment.pk,
    )
    return serve_file(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def escalations(request):
    """The escalated initiatives the user receives, longest waiting first, a page at a time."""
    access.require_escalations(request.user)
    initiatives = (
        access.escalations_for(request.user)
        .select_related("contact_official")
        .prefetch_related(Prefetch("kernen", queryset=Kern.objects.order_by("name")))
        .order_by("escalated_at", "pk")
    )
    page = paginate(request, initiatives, per_page=ESCALATIONS_PER_PAGE)
    return render(
        request,
        "initiatives/initiative_escalations.html",
        {"initiatives": page.object_list, "page_obj": page},
    )

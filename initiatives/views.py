import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from kernen.models import Kern
from kernportal.files import serve_file
from kernportal.forms import call_service
from kernportal.security import security_event

from . import access, exports, services, timeline
from .filters import InitiativeFilter, PublicFilter
from .forms import (
    CoFundingFormSet,
    EscalateForm,
    GrantForm,
    GrantPayForm,
    InitiativeSubmitForm,
    LinkForm,
    NoteForm,
    ReassignForm,
    SupportRecordForm,
    TransitionForm,
    cofunding_rows,
)
from .models import Fund, Grant, Initiative, Status
from .reports import leverage_report

SESSION_KEY = "initiatives_submitted"


# --- Public ------------------------------------------------------------------------------------


@login_not_required
@ratelimit(key="ip", rate="5/h", method="POST", block=True)
def submit(request):
    form = InitiativeSubmitForm(request.POST or None, request.FILES or None)
    formset = CoFundingFormSet(request.POST or None, prefix="cofinanciering")
    if request.method == "POST":
        if form.is_spam:  # a bot filled the honeypot: pretend success, store nothing
            request.session.pop(SESSION_KEY, None)
            return redirect("initiatives:submitted")
        if form.is_valid() & formset.is_valid():
            initiative = call_service(
                form,
                services.initiative_submit,
                fields=form.service_fields(),
                kernen=list(form.cleaned_data["kernen"]),
                cofundings=cofunding_rows(formset),
                attachments=form.cleaned_data["attachments"],
            )
            if initiative:
                # The raw token lives only in this short session, to show the link once more.
                request.session[SESSION_KEY] = [initiative.pk, initiative.tracking_token]
                return redirect("initiatives:submitted")
    return render(request, "initiatives/initiative_submit.html", {"form": form, "formset": formset})


@login_not_required
def submitted(request):
    initiative = None
    if submitted := request.session.get(SESSION_KEY):
        pk, token = submitted
        initiative = Initiative.objects.select_related("contact_official").filter(pk=pk).first()
        if initiative:
            initiative.tracking_token = token
    return render(request, "initiatives/initiative_submitted.html", {"initiative": initiative})


@login_not_required
def track(request, token):
    initiative = get_object_or_404(
        Initiative.objects.by_token(token)
        .select_related("contact_official__profile")
        .prefetch_related("kernen")
    )
    steps = list(initiative.steps.all())
    context = {
        "initiative": initiative,
        "timeline": timeline.build(initiative, steps, services.decision_steps()),
    }
    response = render(request, "initiatives/initiative_track.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"  # the token is in the URL
    return response


def _public_queryset(request):
    queryset = Initiative.objects.public().prefetch_related(
        Prefetch("kernen", queryset=Kern.objects.order_by("name"))
    )
    return PublicFilter(request.GET or None, queryset=queryset)


@login_not_required
def public_list(request):
    filterset = _public_queryset(request)
    return render(
        request,
        "initiatives/initiative_public_list.html",
        {"filter": filterset, "initiatives": filterset.qs, "query": request.GET.urlencode()},
    )


@login_not_required
def public_detail(request, pk):
    initiative = get_object_or_404(Initiative.objects.public().prefetch_related("kernen"), pk=pk)
    return render(request, "initiatives/initiative_public_detail.html", {"initiative": initiative})


class HtmlSafeJSONEncoder(json.JSONEncoder):
    """JSON whose strings cannot close a tag, even if someone serves it as HTML."""

    def encode(self, o):
        return super().encode(o).translate(_JSON_ESCAPES)


_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def public_feature(initiative) -> dict:
    """One GeoJSON feature with public fields only: never the initiator or the token."""
    kernen = list(initiative.kernen.all())
    if initiative.latitude is not None:
        lat, lon = initiative.latitude, initiative.longitude
    elif kernen:
        lat, lon = kernen[0].latitude, kernen[0].longitude
    else:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        "properties": {
            "title": initiative.title,
            "summary": Truncator(initiative.description).chars(200),
            "kernen": [k.name for k in kernen],
            "theme": initiative.get_theme_display(),
            "status": initiative.get_status_display(),
            "url": initiative.get_public_url(),
        },
    }


@login_not_required
def geojson(request):
    features = [f for f in map(public_feature, _public_queryset(request).qs) if f]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        encoder=HtmlSafeJSONEncoder,
        content_type="application/geo+json",
    )


# --- Staff -------------------------------------------------------------------------------------


def _board_queryset(request):
    grants = Grant.objects.filter(initiative=OuterRef("pk")).order_by().values("initiative")
    queryset = (
        Initiative.objects.visible_to(request.user)
        .select_related("contact_official")
        .prefetch_related(Prefetch("kernen", queryset=Kern.objects.order_by("name")))
        .annotate(
            granted_total=Coalesce(
                Subquery(grants.annotate(s=Sum("amount")).values("s")),
                Value(0),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
    )
    return InitiativeFilter(request.GET or None, queryset=queryset)


def board(request):
    access.require_initiative_staff(request.user)
    filterset = _board_queryset(request)
    initiatives = list(filterset.qs)
    columns = None
    if request.GET.get("weergave") == "kolommen":
        columns = [
            (label, [i for i in initiatives if i.status == value])
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
            "columns": columns,
            "query": query.urlencode(),
        },
    )


def export(request, fmt):
    access.require_initiative_staff(request.user)
    filterset = _board_queryset(request)
    if filterset.is_bound and not filterset.is_valid():
        raise Http404
    initiatives = filterset.qs.prefetch_related("cofundings")
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


def _action(request, initiative, form, title, submit_label):
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
            messages.success(request, f"De status is nu '{step.get_to_status_display()}'.")
            return redirect(initiative)
    return _action(request, initiative, form, "Status wijzigen", "Status wijzigen")


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
    return _action(request, initiative, form, title, submit_label)


def reassign(request, pk):
    return _guide(
        request,
        pk,
        ReassignForm,
        services.initiative_reassign,
        success="De contactpersoon is gewijzigd.",
        title="Andere contactpersoon",
        submit_label="Wijzigen",
    )


def support_add(request, pk):
    return _guide(
        request,
        pk,
        SupportRecordForm,
        services.supportrecord_add,
        success="Het gesprek of de afspraak is vastgelegd.",
        title="Gesprek of afspraak vastleggen",
        submit_label="Vastleggen",
    )


def note_add(request, pk):
    return _guide(
        request,
        pk,
        NoteForm,
        services.note_add,
        success="De notitie is toegevoegd.",
        title="Notitie toevoegen",
        submit_label="Toevoegen",
    )


def links(request, pk):
    return _guide(
        request,
        pk,
        LinkForm,
        services.initiative_link,
        with_initiative=True,
        records_user=False,
        success="De koppelingen zijn bijgewerkt.",
        title="Contactmomenten en agendapunten koppelen",
        submit_label="Opslaan",
    )


def escalate(request, pk):
    return _guide(
        request,
        pk,
        EscalateForm,
        services.initiative_escalate,
        success="Het initiatief is geëscaleerd; het management is ingelicht.",
        title="Escaleren",
        submit_label="Escaleren",
    )


@require_POST
def deescalate(request, pk):
    initiative = access.get_initiative_for_user(request.user, pk, write=True)
    if initiative.escalated:
        services.initiative_deescalate(initiative=initiative, by=request.user)
        messages.success(request, "De escalatie is beëindigd.")
    return redirect(initiative)


def grant_create(request, pk):
    initiative = access.get_initiative_for_user(request.user, pk)
    if not access.can_grant(request.user, initiative):
        raise PermissionDenied
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant = call_service(
            form,
            services.grant_allocate,
            initiative=initiative,
            by=request.user,
            **form.cleaned_data,
        )
        if grant:
            messages.success(request, f"€ {grant.amount} is toegekend uit {grant.fund}.")
            return redirect(initiative)
    return _action(request, initiative, form, "Geld toekennen uit een fonds", "Toekennen")


def attachment_download(request, pk, attachment_pk):
    initiative = access.get_initiative_for_user(request.user, pk)
    attachment = get_object_or_404(initiative.attachments, pk=attachment_pk)
    return serve_file(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def escalations(request):
    access.require(request.user, "initiatives.view_escalations")
    initiatives = (
        Initiative.objects.escalated()
        .select_related("contact_official")
        .prefetch_related(Prefetch("kernen", queryset=Kern.objects.order_by("name")))
        .order_by("escalated_at")
    )
    return render(request, "initiatives/initiative_escalations.html", {"initiatives": initiatives})


def fund_list(request):
    access.require(request.user, "initiatives.view_fund")
    funds = Fund.objects.with_totals().prefetch_related(
        Prefetch("grants", queryset=Grant.objects.select_related("initiative"))
    )
    return render(request, "initiatives/fund_list.html", {"funds": funds})


def grant_pay(request, pk):
    access.require(request.user, "initiatives.change_grant")
    grant = get_object_or_404(Grant.objects.select_related("fund", "initiative"), pk=pk)
    form = GrantPayForm(
        request.POST or None, initial={"amount": grant.paid_amount, "paid_at": grant.paid_at}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(form, services.grant_pay, grant=grant, **form.cleaned_data)
    ):
        messages.success(request, "De uitbetaling is vastgelegd.")
        return redirect("initiatives:funds")
    return render(request, "initiatives/grant_pay.html", {"grant": grant, "form": form})


def leverage(request):
    access.require(request.user, "initiatives.view_fund")
    return render(request, "initiatives/leverage_report.html", leverage_report())

"""Pages for residents, without an account: submit, follow, the public list and map."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from kernen.models import Kern
from kernen.selectors import kcp_contacts
from kernportal import consent, ratelimits
from kernportal.forms import call_service
from kernportal.json import HtmlSafeJSONEncoder
from kernportal.pagination import paginate
from kernportal.public_cache import cache_public_page

from .. import services, timeline
from ..filters import PublicFilter
from ..forms import CoFundingFormSet, InitiativeSubmitForm, WithdrawForm, cofunding_rows
from ..geojson import public_feature
from ..maps import map_config
from ..models import DECISIONS, Initiative, PendingUpload, Status

SESSION_KEY = "initiatives_submitted"
RATE_GROUP = "initiatives.submit"
UPLOAD_RATE_GROUP = "initiatives.pending_upload"


# --- Public ------------------------------------------------------------------------------------


def _keep_uploads(request, form) -> list[str]:
    """Files on this try are kept server-side under the form's token, whatever else is wrong
    with the form; files the resident ticked are taken off. Returns Dutch errors per file."""
    token = form.token
    ticked = [v for v in request.POST.getlist("remove_uploads") if v.isdigit()]
    if ticked:
        services.pending_upload_remove(token=token, ids=ticked)
    errors = []
    for upload in request.FILES.getlist("attachments"):
        if ratelimits.is_limited(
            request, UPLOAD_RATE_GROUP, settings.KERNPORTAL_PENDING_UPLOAD_RATE
        ):
            errors.append(
                _(
                    "'%(name)s' is niet toegevoegd: er zijn vanaf dit adres in korte tijd veel "
                    "bestanden toegevoegd."
                )
                % {"name": upload.name}
            )
            continue
        try:
            services.pending_upload_add(token=token, upload=upload)
        except ValidationError as error:
            errors.extend(error.messages)
        else:
            ratelimits.count(request, UPLOAD_RATE_GROUP, settings.KERNPORTAL_PENDING_UPLOAD_RATE)
    return errors


def _submit_page(request, form, formset, status=200, limited_contacts=None):
    context = {
        "form": form,
        "formset": formset,
        "map": map_config(),
        "limited": limited_contacts is not None,
        "limited_contacts": limited_contacts or [],
    }
    return render(request, "initiatives/initiative_submit.html", context, status=status)


@login_not_required
def submit(request):
    """The public form. Typing errors never lock anyone out: the rate limit counts stored
    initiatives only, and when it stops someone the page keeps what they typed (429) and
    names the kern's KCP to contact instead. Attachments survive a form with errors."""
    if request.method != "POST":
        form = InitiativeSubmitForm()
        return _submit_page(request, form, CoFundingFormSet(prefix="cofinanciering"))
    form = InitiativeSubmitForm(request.POST, request.FILES)
    formset = CoFundingFormSet(request.POST, prefix="cofinanciering")
    if form.is_spam:  # a bot filled the honeypot: pretend success, store nothing
        request.session.pop(SESSION_KEY, None)
        return redirect("initiatives:submitted")
    if ratelimits.is_limited(request, RATE_GROUP):
        kern_ids = [v for v in request.POST.getlist("kernen") if v.isdigit()]
        kernen = Kern.objects.active().filter(pk__in=kern_ids).order_by("name")[:5]
        form.pending_uploads = list(PendingUpload.objects.for_token(form.token))
        form.files_dropped = bool(request.FILES)
        return _submit_page(
            request, form, formset, status=429, limited_contacts=kcp_contacts(kernen)
        )
    upload_errors = _keep_uploads(request, form)
    pending = list(PendingUpload.objects.for_token(form.token))
    form.pending_uploads = pending
    if form.is_valid() & formset.is_valid() and not upload_errors:
        initiative = call_service(
            form,
            services.initiative_submit,
            fields=form.service_fields(),
            kernen=list(form.cleaned_data["kernen"]),
            consent_version=consent.statement_version(),
            cofundings=cofunding_rows(formset),
            pending_token=form.token,
            language=translation.get_language(),
        )
        if initiative:
            ratelimits.count(request, RATE_GROUP)
            # The raw token lives only in this short session, to show the link once more.
            request.session[SESSION_KEY] = [initiative.pk, initiative.tracking_token]
            return redirect("initiatives:submitted")
    for message in upload_errors:
        form.add_error("attachments", message)
    return _submit_page(request, form, formset)


@login_not_required
def submitted(request):
    initiative = None
    if submitted := request.session.get(SESSION_KEY):
        pk, token = submitted
        initiative = Initiative.objects.select_related("contact_official").filter(pk=pk).first()
        if initiative:
            initiative.tracking_token = token
    return render(request, "initiatives/initiative_submitted.html", {"initiative": initiative})


def _initiative_by_token(token):
    """The one lookup of an initiative by its private tracking link (matched by hash)."""
    return get_object_or_404(
        Initiative.objects.by_token(token)
        .select_related("contact_official__profile")
        .prefetch_related("kernen")
    )


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"  # the token is in the URL
    return response


@login_not_required
def track(request, token):
    """The initiator's page: where it stands, the decision with its conditions, the grants and
    payments, the agreements recorded with them (never internal notes) and a copy of what they
    submitted."""
    initiative = _initiative_by_token(token)
    steps = list(initiative.steps.all())
    decision = next((s for s in reversed(steps) if s.to_status in DECISIONS), None)
    context = {
        "initiative": initiative,
        "token": token,
        "timeline": timeline.build(initiative, steps, services.decision_steps()),
        "decision": decision,
        "decision_conditional": decision is not None
        and decision.to_status == Status.GRANTED_CONDITIONS,
        "grants": list(initiative.grants.select_related("fund")),
        "agreements": list(initiative.support_records.all()),
        "cofundings": list(initiative.cofundings.all()),
        "attachments": list(initiative.attachments.all()),
    }
    return _private(render(request, "initiatives/initiative_track.html", context))


@login_not_required
def withdraw(request, token):
    """The initiator withdraws through the private link: a confirmation step with a reason."""
    initiative = _initiative_by_token(token)
    if not initiative.is_open:
        messages.info(request, _("Dit initiatief loopt niet meer en kan niet worden ingetrokken."))
        return redirect("initiatives:track", token)
    form = WithdrawForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.initiative_withdraw,
            initiative=initiative,
            reason=form.cleaned_data["reason"],
        )
    ):
        messages.success(request, _("Uw initiatief is ingetrokken. U krijgt hiervan een e-mail."))
        return redirect("initiatives:track", token)
    page = render(
        request,
        "initiatives/initiative_withdraw.html",
        {"initiative": initiative, "form": form, "token": token},
    )
    return _private(page)


def _public_page(request):
    """The filter and the page of public initiatives the request asks for: the list and the
    map beside it show the same page, so neither grows with the years."""
    queryset = Initiative.objects.public().order_by("-created_at", "-pk")
    filterset = PublicFilter(request.GET or None, queryset=queryset)
    page = paginate(request, filterset.qs)
    page.object_list = list(
        page.object_list.prefetch_related(
            Prefetch("kernen", queryset=Kern.objects.order_by("name"))
        )
    )
    return filterset, page


@login_not_required
@cache_public_page
def public_list(request):
    filterset, page = _public_page(request)
    return render(
        request,
        "initiatives/initiative_public_list.html",
        {
            "filter": filterset,
            "initiatives": page.object_list,
            "page_obj": page,
            "query": request.GET.urlencode(),
            "map": map_config(),
        },
    )


@login_not_required
@cache_public_page
def public_detail(request, pk):
    initiative = get_object_or_404(Initiative.objects.public().prefetch_related("kernen"), pk=pk)
    return render(request, "initiatives/initiative_public_detail.html", {"initiative": initiative})


@login_not_required
@cache_public_page
def geojson(request):
    """The map's points for the same filters and page as the list (`?pagina=` included)."""
    _, page = _public_page(request)
    features = [f for f in map(public_feature, page.object_list) if f]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        encoder=HtmlSafeJSONEncoder,
        content_type="application/geo+json",
    )

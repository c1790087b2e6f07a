"""Pages for residents, without an account: submit, follow, the public list and map."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from django_ratelimit.decorators import ratelimit

from kernen.models import Kern
from kernportal.forms import call_service
from kernportal.json import HtmlSafeJSONEncoder

from .. import services, timeline
from ..filters import PublicFilter
from ..forms import CoFundingFormSet, InitiativeSubmitForm, cofunding_rows
from ..geojson import public_feature
from ..models import Initiative

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


@login_not_required
def geojson(request):
    features = [f for f in map(public_feature, _public_queryset(request).qs) if f]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        encoder=HtmlSafeJSONEncoder,
        content_type="application/geo+json",
    )

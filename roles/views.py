from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from kernen.access import require_staff
from kernen.selectors import my_kern_ids
from kernportal.forms import call_service
from kernportal.pagination import paginate

from . import access, services
from .brake import brake_check, kern_load
from .clashes import SignalRows, to_signals
from .definitions import ROLES
from .forms import ClassifyForm, ParticipationRequestForm, PeriodForm, QuietPeriodForm, ReviewForm
from .guide import suggest_role
from .models import Classification, ParticipationRequest, ParticipationReview, QuietPeriod
from .selectors import load_heatmap, role_mix


def role_guide(request):
    """The three roles explained, for every staff member."""
    require_staff(request.user)
    return render(request, "roles/role_list.html", {"roles": ROLES.values()})


def classify(request, label, pk):
    obj, entry = access.get_classifiable_for_user(request.user, label, pk)
    history = Classification.objects.for_object(obj).select_related("classified_by", "kern")
    form = ClassifyForm(request.POST or None)
    suggestion = None
    if request.method == "POST" and form.is_valid():
        role, explanation = suggest_role(form.answers())
        suggestion = {"role": role, "definition": ROLES[role], "explanation": explanation}
        if "save" in request.POST:
            chosen = form.cleaned_data["role"]
            if not chosen:
                form.add_error("role", _("Kies de rol die de gemeente neemt."))
            elif call_service(
                form,
                services.classification_set,
                obj=obj,
                role=chosen,
                owner=form.cleaned_data["owner"],
                user=request.user,
                reason=form.cleaned_data["reason"],
                suggested_role=role,
            ):
                messages.success(
                    request,
                    _("De rol van '%(title)s' is vastgelegd.") % {"title": entry.title_getter(obj)},
                )
                return redirect(request.path)
    context = {
        "object": obj,
        "label": obj._meta.label_lower,
        "title": entry.title_getter(obj),
        "object_url": entry.url_getter(obj),
        "form": form,
        "suggestion": suggestion,
        "history": history,
    }
    return render(request, "roles/classification_form.html", context)


SIGNALS_PER_PAGE = 50
REQUESTS_PER_PAGE = 50
REVIEWS_PER_PAGE = 50


def overview(request):
    access.require_overview(request.user)
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    start, end = today - relativedelta(months=12), today
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    mixes, total = role_mix(start, end)
    signals = paginate(request, SignalRows(), per_page=SIGNALS_PER_PAGE)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "mixes": mixes,
        "total": total,
        "roles": ROLES.values(),
        "signals": to_signals(signals.object_list),
        "page_obj": signals,
    }
    return render(request, "roles/classification_overview.html", context)


def heatmap(request):
    access.require_heatmap(request.user)
    today = timezone.localdate()
    months, rows = load_heatmap(today.replace(day=1) - relativedelta(months=5))
    peak = max((n for _, cells in rows for _, n in cells), default=0)
    # Every kern by twelve months: the cells go to the template as text (count, shade), so a
    # thousand of them are not each localised as a number and compared again.
    rows = [(kern, [(str(n), str(min(n, 4))) for _, n in cells]) for kern, cells in rows]
    return render(
        request,
        "roles/participationreview_heatmap.html",
        {"months": months, "rows": rows, "peak": peak},
    )


# --- Participation requests -------------------------------------------------------------------


def request_list(request):
    """The requests I filed, with each kern's review status."""
    access.require_filing(request.user)
    requests = (
        ParticipationRequest.objects.by_requester(request.user)
        .order_by("-created_at", "-pk")
        .prefetch_related(
            Prefetch("reviews", queryset=ParticipationReview.objects.select_related("kern"))
        )
    )
    page = paginate(request, requests, per_page=REQUESTS_PER_PAGE)
    return render(
        request,
        "roles/participationrequest_list.html",
        {"requests": page.object_list, "page_obj": page},
    )


def request_create(request):
    """File a request; `?over=<app_label.model>&id=<pk>` links it to a classified object
    (an agenda item, an initiative) as its subject."""
    access.require_filing(request.user)
    subject, entry = _subject_from(request)
    initial = {}
    if subject is not None:
        initial = {"kernen": entry.kernen(subject), "subject": entry.title_getter(subject)}
    form = ParticipationRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "kernen"}
        if subject is not None:
            fields["subject_content_type"] = ContentType.objects.get_for_model(subject)
            fields["subject_object_id"] = subject.pk
        created = call_service(
            form,
            services.participationrequest_create,
            requester=request.user,
            kernen=form.cleaned_data["kernen"],
            fields=fields,
        )
        if created:
            messages.success(
                request, _("Uw verzoek is ingediend. De KCP van elke kern beoordeelt het.")
            )
            return redirect(created)
    context = {
        "form": form,
        "subject_title": entry.title_getter(subject) if subject is not None else "",
    }
    return render(request, "roles/participationrequest_form.html", context)


def _subject_from(request):
    label, pk = request.GET.get("over", ""), request.GET.get("id", "")
    if not label:
        return None, None
    if not pk.isdigit():
        raise Http404
    return access.get_registered_for_user(request.user, label, int(pk))


def request_detail(request, pk):
    participation = access.get_request_for_user(request.user, pk)
    reviews = participation.reviews.select_related("kern", "decided_by", "combined_with")
    rows = [(review, access.can_review(request.user, review.kern)) for review in reviews]
    return render(
        request,
        "roles/participationrequest_detail.html",
        {"participation": participation, "rows": rows},
    )


def inbox(request):
    """Reviews waiting for me: kernen where I am a current KCP."""
    require_staff(request.user)
    kern_ids = my_kern_ids(request.user)
    reviews = (
        ParticipationReview.objects.waiting()
        .filter(kern_id__in=kern_ids)
        .select_related("request", "kern")
        .only(*_INBOX_FIELDS)
        .order_by("request__start_date", "pk")
    )
    page = paginate(request, reviews, per_page=REVIEWS_PER_PAGE)
    return render(
        request,
        "roles/participationreview_list.html",
        {"reviews": page.object_list, "page_obj": page},
    )


# What the inbox's rows show: not the request's text, which can be long.
_INBOX_FIELDS = (
    "status",
    "request_id",
    "kern_id",
    "request__subject",
    "request__department",
    "request__start_date",
    "kern__name",
    "kern__slug",
)


def review(request, pk, slug):
    the_review = access.get_review_for_user(request.user, pk, slug)
    form = ReviewForm(request.POST or None, review=the_review)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decided = call_service(
            form,
            services.participationreview_decide,
            review=the_review,
            user=request.user,
            decision=data["decision"],
            reason=data["reason"],
            override_reason=data["override_reason"],
            combined_with=data["combined_with"],
            postponed_to=data["postponed_to"],
        )
        if decided:
            messages.success(
                request,
                _("Uw besluit (%(decision)s) is vastgelegd en naar de aanvrager gestuurd.")
                % {"decision": decided.get_status_display().lower()},
            )
            return redirect(decided.request)
    context = {
        "review": the_review,
        "participation": the_review.request,
        "form": form,
        "load": kern_load(the_review.kern, timezone.localdate()),
        "check": brake_check(the_review),
    }
    return render(request, "roles/participationreview_form.html", context)


# --- Quiet periods ----------------------------------------------------------------------------


def quiet_list(request, slug):
    kern = access.get_kern_for_quiet_periods(request.user, slug)
    form = QuietPeriodForm(request.POST or None)
    can_edit = access.can_edit_quiet_periods(request.user, kern)
    if request.method == "POST":
        kern = access.get_kern_for_quiet_periods(request.user, slug, write=True)
        if form.is_valid() and call_service(
            form, services.quietperiod_save, kern=kern, fields=form.cleaned_data
        ):
            messages.success(request, _("De stille periode is toegevoegd."))
            return redirect("roles:quiet_list", slug=kern.slug)
    periods = QuietPeriod.objects.filter(
        kern=kern, end_date__gte=timezone.localdate() - relativedelta(years=1)
    )
    return render(
        request,
        "roles/quietperiod_list.html",
        {"kern": kern, "form": form, "periods": periods, "can_edit": can_edit},
    )


def quiet_delete(request, slug, pk):
    kern = access.get_kern_for_quiet_periods(request.user, slug, write=True)
    period = get_object_or_404(QuietPeriod, kern=kern, pk=pk)
    if request.method == "POST":
        services.quietperiod_delete(period=period)
        messages.success(request, _("De stille periode is verwijderd."))
        return redirect("roles:quiet_list", slug=kern.slug)
    return render(
        request, "roles/quietperiod_confirm_delete.html", {"kern": kern, "period": period}
    )

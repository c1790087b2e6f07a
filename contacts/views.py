from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.forms.utils import ErrorDict
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kernen import access as kernen_access
from kernen.models import Kern
from kernen.selectors import kcp_contacts
from kernportal import consent, ratelimits
from kernportal.forms import call_service
from kernportal.pagination import paginate
from kernportal.tokens import hash_token

from . import access, participants, services
from .forms import (
    FOLLOWUP_PREFIX,
    MAX_FOLLOWUPS,
    AgendaItemMomentsForm,
    AnswerForm,
    CloseForm,
    ContactMomentForm,
    FollowUpFormSet,
    InternalQuestionForm,
    MembershipForm,
    MessageForm,
    OrganisationForm,
    PersonFilter,
    PersonForm,
    QuestionForm,
    RouteForm,
    followup_rows,
)
from .models import ContactMoment, Organisation, Person, Question

REVISIONS_SHOWN = 50
MOMENTS_PER_PAGE = 25
ORGANISATIONS_PER_PAGE = 50
LATE_PER_PAGE = 50
RATE_GROUP = "contacts.question"

# --- Contacts ----------------------------------------------------------------------------------


def person_list(request):
    access.require_view(request.user, "contacts.view_person")
    people = (
        Person.objects.select_related("organisation")
        .prefetch_related("kernen")
        .defer("notes", "search_vector", "organisation__notes")
    )
    filterset = PersonFilter(request.GET or None, queryset=people)
    # No DISTINCT: the kern filter joins one kern, and a person is in a kern once. DISTINCT
    # over every column kept PostgreSQL from reading the name index (12 ms for each page).
    page = paginate(request, filterset.qs.order_by("name", "pk"))
    return render(
        request,
        "contacts/person_list.html",
        {"filter": filterset, "people": page.object_list, "page_obj": page},
    )


def person_detail(request, pk):
    person = access.get_person_for_user(request.user, pk)
    moments = paginate(
        request,
        person.contact_moments.select_related("kern")
        .prefetch_related("followups__owner")
        .order_by("-happened_at", "-pk"),
        per_page=MOMENTS_PER_PAGE,
    )
    memberships = person.memberships.select_related("group__kern")
    return render(
        request,
        "contacts/person_detail.html",
        {
            "person": person,
            "kernen": person.kernen.all(),
            "moments": moments.object_list,
            "page_obj": moments,
            "memberships": memberships,
            "today": timezone.localdate(),
            "can_edit": access.can_edit_persons(request.user),
            "my_kern_ids": access.my_kern_ids(request.user),
            "manages_all": kernen_access.can_manage_all_kernen(request.user),
        },
    )


def _person_form_page(request, person):
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        kernen = data.pop("kernen")
        if not (kernen_access.can_manage_all_kernen(request.user) or not kernen):
            mine = access.my_kern_ids(request.user)
            if not {k.pk for k in kernen} & mine:
                form.add_error("kernen", _("Kies ten minste één van uw eigen kernen."))
        if not form.errors:
            saved = call_service(
                form, services.person_save, person=form.instance, fields=data, kernen=kernen
            )
            if saved:
                messages.success(request, _("%(name)s is opgeslagen.") % {"name": saved.name})
                return redirect(saved)
    return render(request, "contacts/person_form.html", {"form": form, "person": person})


def person_create(request):
    access.require_view(request.user, "contacts.add_person")
    return _person_form_page(request, None)


def person_edit(request, pk):
    person = access.get_person_for_user(request.user, pk, write=True)
    return _person_form_page(request, person)


def organisation_list(request):
    """The organisations by name, a page at a time, optionally those whose name holds `q`."""
    access.require_view(request.user, "contacts.view_organisation")
    organisations = Organisation.objects.select_related("community_group__kern").annotate(
        people_count=Count("people")
    )
    query = request.GET.get("q", "").strip()[:100]
    if query:
        organisations = organisations.filter(name__icontains=query)
    page = paginate(request, organisations.order_by("name", "pk"), per_page=ORGANISATIONS_PER_PAGE)
    return render(
        request,
        "contacts/organisation_list.html",
        {"organisations": page.object_list, "page_obj": page, "query": query},
    )


def organisation_detail(request, pk):
    organisation = access.get_organisation_for_user(request.user, pk)
    context = {
        "organisation": organisation,
        "people_count": organisation.people.count(),
        "can_edit": access.can_edit_organisation(request.user, organisation),
    }
    return render(request, "contacts/organisation_detail.html", context)


def _organisation_form_page(request, organisation):
    form = OrganisationForm(
        request.POST or None,
        instance=organisation,
        groups=access.groups_for_user(request.user),
    )
    if request.method == "POST" and form.is_valid():
        if organisation is None:
            saved = call_service(form, services.organisation_create, fields=form.cleaned_data)
        else:
            fields = {name: form.cleaned_data[name] for name in form.changed_data}
            saved = call_service(
                form, services.organisation_update, organisation=organisation, fields=fields
            )
        if saved:
            messages.success(
                request, _("Organisatie %(name)s is opgeslagen.") % {"name": saved.name}
            )
            return redirect(saved)
    return render(
        request,
        "contacts/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


def organisation_create(request):
    access.require_view(request.user, "contacts.add_organisation")
    return _organisation_form_page(request, None)


def organisation_edit(request, pk):
    organisation = access.get_organisation_for_user(request.user, pk, write=True)
    return _organisation_form_page(request, organisation)


def membership_create(request, pk):
    person = access.get_person_for_user(request.user, pk, write=True)
    access.require_view(request.user, "contacts.add_membership")
    form = MembershipForm(request.POST or None, groups=access.groups_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        membership = call_service(
            form, services.membership_create, person=person, fields=form.cleaned_data
        )
        if membership:
            messages.success(
                request,
                _("Lidmaatschap van %(group)s is toegevoegd.") % {"group": membership.group.name},
            )
            return redirect(person)
    return render(request, "contacts/membership_form.html", {"form": form, "person": person})


def membership_edit(request, pk):
    membership = access.get_membership_for_user(request.user, pk)
    form = MembershipForm(
        request.POST or None, instance=membership, groups=access.groups_for_user(request.user)
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if call_service(form, services.membership_update, membership=membership, fields=fields):
            messages.success(
                request,
                _("Lidmaatschap van %(group)s is opgeslagen.") % {"group": membership.group.name},
            )
            return redirect(membership.person)
    return render(
        request,
        "contacts/membership_form.html",
        {"form": form, "person": membership.person, "membership": membership},
    )


# --- Contact moments ---------------------------------------------------------------------------


def _without_errors(form, formset):
    """Show bound forms again as typed, without validating them (the "extra rij" button only
    asks for one more follow-up row; nothing is checked or stored yet)."""
    for each in (form, *formset.forms):
        each._errors = ErrorDict()
        each.cleaned_data = {}
    formset._errors = [ErrorDict() for _ in formset.forms]
    formset._non_form_errors = formset.error_class()


def _followup_formset(request, moment, staff_shown):
    data = request.POST or None
    if data is not None and "extra_rij" in data:
        data = data.copy()
        total = f"{FOLLOWUP_PREFIX}-TOTAL_FORMS"
        data[total] = str(min(int(data.get(total) or 0) + 1, MAX_FOLLOWUPS))
    return FollowUpFormSet(data, instance=moment, prefix=FOLLOWUP_PREFIX, staff_shown=staff_shown)


def _searched(request, kern) -> dict:
    """The form's search boxes without JavaScript: their "Zoeken" button posts the whole form,
    which comes back as typed with what each filled-in box found offered as unticked choices
    (the script asks the JSON searches instead and ticks the one chosen). Both boxes are
    searched, whichever button or Enter sent the form."""
    if request.method != "POST" or "zoek" not in request.POST:
        return {}
    result = {}
    for name, search in (
        ("personen", lambda q: participants.search_persons(kern, q)),
        ("medewerkers", participants.search_staff),
    ):
        query = request.POST.get(f"zoek_{name}", "").strip()[:100]
        if query:
            short = len(query) < participants.SEARCH_MIN_LENGTH
            result[name] = {"query": query, "short": short, "found": [] if short else search(query)}
    return result


def _with(shown, found) -> list:
    known = {obj.pk for obj in shown}
    return [*shown, *(obj for obj in found if obj.pk not in known)]


def _moment_form_page(request, kern, moment=None):
    """One form for the moment, its participants and its follow-ups; stored all or nothing.
    Logging a new moment and correcting a logged one share it."""
    searched = _searched(request, kern)
    found_staff = searched.get("medewerkers", {}).get("found", [])
    staff_shown = _with(participants.relevant_staff(kern, request.user), found_staff)
    form = ContactMomentForm(
        request.POST or None, instance=moment, kern=kern, user=request.user,
        staff_shown=staff_shown, persons_found=searched.get("personen", {}).get("found", ()),
    )  # fmt: skip
    formset = _followup_formset(request, moment or ContactMoment(kern=kern), staff_shown)
    if request.method == "POST" and ("extra_rij" in request.POST or "zoek" in request.POST):
        _without_errors(form, formset)
    elif request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        attendees = {"persons": data.pop("persons"), "staff": data.pop("staff")}
        if moment is None:
            saved = call_service(
                form, services.contactmoment_log, kern=kern, author=request.user,
                fields=data, followups=followup_rows(formset), **attendees,
            )  # fmt: skip
        else:
            saved = call_service(
                form, services.contactmoment_update, moment=moment, editor=request.user,
                fields=data, followups=followup_rows(formset), **attendees,
            )  # fmt: skip
        if saved:
            messages.success(
                request,
                _("Het contactmoment is vastgelegd.")
                if moment is None
                else _("De wijzigingen zijn opgeslagen en staan in de geschiedenis."),
            )
            return redirect(kern if moment is None else saved)
    return render(
        request,
        "contacts/contactmoment_form.html",
        {
            "kern": kern,
            "form": form,
            "formset": formset,
            "moment": moment,
            "search_min_length": participants.SEARCH_MIN_LENGTH,
            "searched": searched,
        },
    )


def moment_create(request, slug):
    kern = kernen_access.get_kern_for_user(request.user, slug)
    if not access.can_work_in_kern(request.user, kern, "contacts.add_contactmoment"):
        raise PermissionDenied
    return _moment_form_page(request, kern)


@require_GET
def moment_person_search(request, slug):
    """JSON for the form's search box: at most 20 active contacts of this kern by name or
    role, for whoever may log or correct the kern's contact moments."""
    kern = kernen_access.get_kern_for_user(request.user, slug)
    access.require_moment_writer(request.user, kern)
    query = request.GET.get("q", "").strip()[:100]
    found = participants.search_persons(kern, query)
    results = [
        {
            "id": p.pk,
            "name": str(p),
            "detail": " – ".join(x for x in (p.role, getattr(p.organisation, "name", "")) if x),
        }
        for p in found
    ]
    return JsonResponse({"results": results, "limit": participants.SEARCH_RESULTS})


def _team(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.team if profile is not None else ""


@require_GET
def moment_staff_search(request, slug):
    """JSON for the form's colleague search: at most 20 active colleagues by name."""
    kern = kernen_access.get_kern_for_user(request.user, slug)
    access.require_moment_writer(request.user, kern)
    query = request.GET.get("q", "").strip()[:100]
    found = participants.search_staff(query)
    results = [{"id": u.pk, "name": participants.user_label(u), "detail": _team(u)} for u in found]
    return JsonResponse({"results": results, "limit": participants.SEARCH_RESULTS})


def moment_edit(request, pk):
    moment = access.get_moment_for_user(request.user, pk, write=True)
    return _moment_form_page(request, moment.kern, moment)


def moment_detail(request, pk):
    moment = access.get_moment_for_user(request.user, pk)
    return render(
        request,
        "contacts/contactmoment_detail.html",
        {
            "moment": moment,
            "persons": moment.persons.all(),
            "staff": moment.staff.all(),
            "followups": moment.followups.select_related("owner"),
            "revisions": moment.revisions.select_related("changed_by")[:REVISIONS_SHOWN],
            "can_edit": access.can_edit_moment(request.user, moment),
        },
    )


@require_POST
def followup_done(request, pk):
    followup = access.get_followup_for_user(request.user, pk)
    services.followup_complete(followup=followup)
    messages.success(
        request, _("‘%(followup)s’ is afgevinkt.") % {"followup": followup.description}
    )
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("kernen:dashboard")


def agendaitem_link_moments(request, slug, pk):
    kern = kernen_access.get_kern_for_user(request.user, slug)
    item = kernen_access.get_agendaitem_for_user(request.user, pk, kern=kern, write=True)
    if not access.can_link_agenda(request.user, kern):
        raise PermissionDenied
    form = AgendaItemMomentsForm(request.POST or None, kern=kern)
    if request.method == "POST" and form.is_valid():
        moments = form.cleaned_data["contact_moments"]
        if call_service(form, services.agendaitem_link_moments, item=item, contact_moments=moments):
            messages.success(
                request,
                _("De contactmomenten van ‘%(item)s’ zijn opgeslagen.") % {"item": item.title},
            )
            return redirect(kern)
    return redirect("kernen:agenda_edit", slug=kern.slug, pk=item.pk)


# --- Questions: staff --------------------------------------------------------------------------

VIEWS = {
    "inbox": gettext_lazy("Vragen voor mij"),
    "doorgezet": gettext_lazy("Doorgezet naar mij"),
    "gesteld": gettext_lazy("Door mij gesteld"),
    "alle": gettext_lazy("Alle vragen"),
}


def question_list(request):
    access.require_view(request.user, "contacts.view_question")
    user = request.user
    view = request.GET.get("weergave", "inbox")
    may_see_all = access.can_view_all_questions(user)
    if view not in VIEWS or (view == "alle" and not may_see_all):
        view = "inbox"
    questions = Question.objects.in_list_view(view, user, access.handling_kern_ids(user))
    questions = questions.select_related("kern", "assigned_to", "routed_to")
    sort = request.GET.get("sorteer", "")
    show_closed = request.GET.get("afgehandeld") == "1"
    if not show_closed:
        questions = questions.open()
    kern_slug = request.GET.get("kern", "")
    if kern_slug:
        questions = questions.filter(kern__slug=kern_slug)
    views = {k: v for k, v in VIEWS.items() if k != "alle" or may_see_all}
    # The deadline is a fixed number of working days after receipt, so it sorts as receipt
    # does: the earliest deadline first, or the latest first.
    order = ("-received_at", "-pk") if sort == "termijn-laatst" else ("received_at", "pk")
    page = paginate(request, questions.order_by(*order))
    return render(
        request,
        "contacts/question_list.html",
        {
            "questions": page.object_list,
            "page_obj": page,
            "sort": sort,
            "today": timezone.localdate(),
            "view": view,
            "views": views,
            "show_closed": show_closed,
            "kern_slug": kern_slug,
        },
    )


def late_questions(request):
    """Late questions of all kernen, oldest first, a page at a time, for the gebiedsregisseur
    and the wethouder."""
    access.require_view(request.user, "contacts.view_late_questions")
    now = timezone.now()
    late = (
        Question.objects.select_related("kern", "assigned_to", "routed_to")
        .prefetch_related("escalations")
        .late_by(now)
        .order_by("received_at", "pk")
    )
    page = paginate(request, late, per_page=LATE_PER_PAGE)
    return render(
        request,
        "contacts/question_late_list.html",
        {"questions": page.object_list, "page_obj": page, "today": timezone.localdate(now)},
    )


def question_detail(request, pk):
    question = access.get_question_for_user(request.user, pk)
    return render(request, "contacts/question_detail.html", _question_context(request, question))


def _question_context(request, question, **forms):
    can_route = access.can_route(request.user, question) and question.is_open
    can_answer = access.can_answer(request.user, question)
    return {
        "question": question,
        "events": question.events.select_related("actor", "to_user"),
        "can_route": can_route,
        "can_answer": can_answer,
        "can_close": access.can_route(request.user, question)
        and question.status != Question.Status.CLOSED,
        "answer_form": forms.get("answer_form") or (AnswerForm() if can_answer else None),
        "message_form": forms.get("message_form") or (MessageForm() if can_answer else None),
        "route_form": forms.get("route_form") or (RouteForm() if can_route else None),
        "close_form": forms.get("close_form") or CloseForm(),
        "today": timezone.localdate(),
    }


def _question_action(request, pk, action, form_class, form_key, service, done_message, **kw):
    question = access.get_question_for_user(request.user, pk, action=action)
    form = form_class(request.POST)
    if form.is_valid() and call_service(
        form, service, question=question, actor=request.user, **form.cleaned_data, **kw
    ):
        messages.success(request, done_message)
        return redirect(question)
    context = _question_context(request, question, **{form_key: form})
    return render(request, "contacts/question_detail.html", context, status=200)


@require_POST
def question_answer(request, pk):
    return _question_action(
        request, pk, "answer", AnswerForm, "answer_form", services.question_answer,
        gettext_lazy("Het antwoord is opgeslagen en verstuurd."),
    )  # fmt: skip


@require_POST
def question_message(request, pk):
    return _question_action(
        request, pk, "answer", MessageForm, "message_form", services.question_message,
        gettext_lazy("Het bericht is naar de vrager gestuurd."),
    )  # fmt: skip


@require_POST
def question_route(request, pk):
    return _question_action(
        request, pk, "route", RouteForm, "route_form", services.question_route,
        gettext_lazy("De vraag is doorgezet."),
    )  # fmt: skip


@require_POST
def question_close(request, pk):
    return _question_action(
        request, pk, "route", CloseForm, "close_form", services.question_close,
        gettext_lazy("De vraag is afgesloten."),
    )  # fmt: skip


def question_ask_internal(request, slug):
    kern = kernen_access.get_kern_for_user(request.user, slug)
    access.require_ask_internal(request.user)
    form = InternalQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = call_service(
            form,
            services.question_ask_internal,
            kern=kern,
            asker=request.user,
            text=form.cleaned_data["text"],
        )
        if question:
            messages.success(request, _("Uw vraag is naar de KCP van de kern gestuurd."))
            return redirect(question)
    return render(request, "contacts/question_internal_form.html", {"kern": kern, "form": form})


# --- Questions: public -------------------------------------------------------------------------


def _resident_language() -> str:
    """The language the page is shown in (the visitor's choice, else the default)."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return settings.LANGUAGE_CODE


@login_not_required
def question_public_create(request, slug):
    """A resident's question. The rate limit counts stored questions only; when it stops
    someone the page keeps what they typed (429) and names the kern's KCP to contact."""
    kern = get_object_or_404(Kern.objects.active(), slug=slug)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and ratelimits.is_limited(request, RATE_GROUP):
        context = {"kern": kern, "form": form, "limited": True}
        context["limited_contacts"] = kcp_contacts([kern])
        return render(request, "contacts/question_public_form.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            # Pretend it worked: a bot learns nothing, no e-mail leaves.
            return render(request, "contacts/question_thanks.html", {"kern": kern})
        data = form.cleaned_data
        result = call_service(
            form,
            services.question_submit,
            kern=kern,
            name=data["name"],
            email=data["email"],
            text=data["text"],
            language=_resident_language(),
            consent_version=consent.statement_version(),
        )
        if result:
            ratelimits.count(request, RATE_GROUP)
            return render(request, "contacts/question_thanks.html", {"kern": kern})
    return render(request, "contacts/question_public_form.html", {"kern": kern, "form": form})


@login_not_required
def question_status(request, token):
    """The asker's private status page. The token's hash is looked up; nothing else is."""
    if len(token) > 100:
        raise Http404
    question = get_object_or_404(
        Question.objects.select_related("kern"),
        token_hash=hash_token(token),
        kind=Question.Kind.PUBLIC,
    )
    response = render(request, "contacts/question_status.html", {"question": question})
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response

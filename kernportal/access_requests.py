"""Access and erasure requests (AVG articles 15 and 17): staff with the right look up an
e-mail address, download everything the portal holds about it as a JSON file, and erase it
after a confirmation step. Built on the personal-data registry (kernportal/privacy.py).
The address travels in POST bodies only, never in a URL that lands in access logs."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from .privacy import handlers, person_erase, person_export
from .security import security_event


class AccessRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mailadres van de betrokkene"), max_length=254)


class EraseConfirmForm(AccessRequestForm):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Ik heb de identiteit van de aanvrager gecontroleerd en wil deze gegevens "
            "onherroepelijk anonimiseren of verwijderen."
        ),
        error_messages={"required": gettext_lazy("Vink aan dat u dit zeker weet.")},
    )


def _require(user):
    if not user.has_perm("kernportal.handle_access_request"):
        raise PermissionDenied


def access_request(request):
    """Look up an address: counts per kind of data, with buttons to download or erase."""
    _require(request.user)
    form = AccessRequestForm(request.POST or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        summary = [(h.label, len(list(h.find(email)))) for h in handlers()]
        action = request.POST.get("action")
        if action == "export":
            return _download(request, email)
        if action == "erase":
            confirm = EraseConfirmForm(initial={"email": email})
            context = {"form": confirm, "email": email, "summary": summary}
            return render(request, "kernportal/access_request_erase.html", context)
    return render(request, "kernportal/access_request.html", {"form": form, "summary": summary})


def access_request_erase(request):
    """The confirmed erasure. GET shows nothing to do; only a confirmed POST erases."""
    _require(request.user)
    if request.method != "POST":
        return redirect("access_request")
    form = EraseConfirmForm(request.POST)
    if not form.is_valid():
        email = request.POST.get("email", "")
        summary = [(h.label, len(list(h.find(email)))) for h in handlers()] if email else []
        context = {"form": form, "email": email, "summary": summary}
        return render(request, "kernportal/access_request_erase.html", context)
    run = person_erase(email=form.cleaned_data["email"], by=request.user, request=request)
    total = sum(part["count"] for part in run.removed.values())
    messages.success(
        request,
        ngettext(
            "%(total)s gegeven geanonimiseerd of verwijderd (vastgelegd als ronde %(run)s).",
            "%(total)s gegevens geanonimiseerd of verwijderd (vastgelegd als ronde %(run)s).",
            total,
        )
        % {"total": total, "run": run.pk},
    )
    return redirect("access_request")


def _download(request, email):
    data = person_export(email=email)
    security_event(
        "personal_data_export",
        request=request,
        user=request.user,
        export="access_request",
        kinds=sorted(data),
    )
    body = json.dumps(
        {"aangemaakt": timezone.now().isoformat(), "gegevens": data},
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="inzageverzoek-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response

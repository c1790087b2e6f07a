"""Money for initiatives: granting from a fund, the funds page, payments, the leverage report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render

from kernportal.forms import call_service

from .. import access, services
from ..forms import GrantForm, GrantPayForm
from ..models import Fund, Grant
from ..reports import leverage_report
from .guiding import render_action


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
    return render_action(request, initiative, form, "Geld toekennen uit een fonds", "Toekennen")


def fund_list(request):
    access.require_funds(request.user)
    funds = Fund.objects.with_totals().prefetch_related(
        Prefetch("grants", queryset=Grant.objects.select_related("initiative"))
    )
    return render(request, "initiatives/fund_list.html", {"funds": funds})


def grant_pay(request, pk):
    grant = access.get_grant_for_user(request.user, pk)
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
    access.require_funds(request.user)
    return render(request, "initiatives/leverage_report.html", leverage_report())

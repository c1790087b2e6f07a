"""Money for initiatives: granting from a fund, the funds page, payments, the leverage report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernen.models import Kern
from kernportal.amounts import euro
from kernportal.forms import call_service

from .. import access, services
from ..forms import CoFundingEditFormSet, GrantForm, GrantPayForm
from ..models import Fund, Grant
from ..models.funds import kern_shares
from ..reports import leverage_report
from .guiding import render_action

FUND_LIMIT = 50  # the most recent funds; older years are in the exports and admin


def grant_create(request, pk):
    initiative = access.get_initiative_for_user(request.user, pk)
    if not access.can_grant(request.user, initiative):
        raise PermissionDenied
    form = GrantForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        grant = call_service(
            form,
            services.grant_allocate,
            initiative=initiative,
            by=request.user,
            **form.cleaned_data,
        )
        if grant:
            messages.success(
                request,
                _("%(amount)s is toegekend uit %(fund)s.")
                % {"amount": euro(grant.amount), "fund": grant.fund},
            )
            return redirect(initiative)
    return render_action(
        request, initiative, form, _("Geld toekennen uit een fonds"), _("Toekennen")
    )


def fund_list(request):
    """Every fund with its totals, its allocation per kern (each kern's part of a fund per
    inhabitant, and what went to each kern) and per initiative. Constant queries."""
    access.require_funds(request.user)
    funds = list(
        Fund.objects.with_totals().prefetch_related(
            Prefetch("grants", queryset=Grant.objects.select_related("initiative", "kern")),
            Prefetch("kernen", queryset=Kern.objects.order_by("name")),
        )[:FUND_LIMIT]
    )
    shares = kern_shares(funds)
    for fund in funds:
        fund.kern_rows = sorted(
            (share for (fund_id, _kern_id), share in shares.items() if fund_id == fund.pk),
            key=lambda share: share.kern_name,
        )
    return render(request, "initiatives/fund_list.html", {"funds": funds})


def cofundings(request, pk):
    """Staff correct the co-funding an initiator expected and confirm what it became."""
    initiative = access.get_initiative_for_user(request.user, pk, write=True)
    rows = list(initiative.cofundings.all())
    initial = [
        {"id": c.pk, "source": c.source, "amount": c.amount, "confirmed_amount": c.confirmed_amount}
        for c in rows
    ]
    formset = CoFundingEditFormSet(request.POST or None, initial=initial, prefix="cofinanciering")
    if request.method == "POST" and formset.is_valid():
        by_id = {c.pk: c for c in rows}
        saved = 0
        try:
            with transaction.atomic():
                for data in formset.cleaned_data:
                    if not data.get("source"):
                        continue
                    services.cofunding_save(
                        initiative=initiative,
                        by=request.user,
                        cofunding=by_id.get(data.get("id")),
                        source=data["source"],
                        amount=data["amount"],
                        confirmed_amount=data.get("confirmed_amount"),
                    )
                    saved += 1
        except ValidationError as error:
            formset.forms[0].add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "De cofinanciering is bijgewerkt (%(count)d regel).",
                    "De cofinanciering is bijgewerkt (%(count)d regels).",
                    saved,
                )
                % {"count": saved},
            )
            return redirect(initiative)
    return render(
        request,
        "initiatives/cofunding_form.html",
        {"initiative": initiative, "formset": formset},
    )


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
        messages.success(request, _("De uitbetaling is vastgelegd."))
        return redirect("initiatives:funds")
    return render(request, "initiatives/grant_pay.html", {"grant": grant, "form": form})


def leverage(request):
    access.require_funds(request.user)
    return render(request, "initiatives/leverage_report.html", leverage_report())

"""Money for initiatives: granting from a fund, the funds page, payments, the leverage report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernportal.amounts import euro
from kernportal.forms import call_service
from kernportal.pagination import paginate

from .. import access, services
from ..forms import CoFundingEditFormSet, GrantForm, GrantPayForm
from ..models import Fund
from ..models.funds import kern_shares
from ..reports import leverage_report, report_years
from .guiding import render_action

FUNDS_PER_PAGE = 20
GRANTS_PER_PAGE = 50
# What the fund page shows of a grant: not the initiative's texts and search vector.
GRANT_COLUMNS = ("amount", "paid_amount", "decided_at", "fund", "initiative__title", "kern__name")


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
    """The funds, newest year first, a page at a time, each with its totals computed by the
    database; what went to each kern and initiative is on the fund's own page."""
    access.require_funds(request.user)
    page = paginate(
        request, Fund.objects.with_totals().order_by("-year", "name", "pk"), per_page=FUNDS_PER_PAGE
    )
    return render(
        request, "initiatives/fund_list.html", {"funds": page.object_list, "page_obj": page}
    )


def fund_detail(request, pk):
    """One fund: its totals, its allocation per kern (each kern's part of a fund per
    inhabitant, and what went to each kern: at most a row per kern) and its grants, a page at
    a time. Constant queries."""
    fund = access.get_fund_for_user(request.user, pk)
    shares = kern_shares([fund])
    grants = paginate(
        request,
        fund.grants.select_related("initiative", "kern")
        .only(*GRANT_COLUMNS)
        .order_by("-decided_at", "-pk"),
        per_page=GRANTS_PER_PAGE,
    )
    context = {
        "fund": fund,
        "kernen": fund.kernen.order_by("name").values_list("name", flat=True),
        "kern_rows": sorted(shares.values(), key=lambda share: share.kern_name),
        "grants": grants.object_list,
        "page_obj": grants,
    }
    return render(request, "initiatives/fund_detail.html", context)


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
        return redirect(grant.fund)
    return render(request, "initiatives/grant_pay.html", {"grant": grant, "form": form})


def leverage(request):
    """The leverage of one year (`jaar`, this year by default): a row per kern and per fund of
    that year, summed by the database; the other years are a link away."""
    access.require_funds(request.user)
    years = report_years(timezone.localdate())
    year = _chosen_year(request.GET.get("jaar"), years)
    context = {**leverage_report(year), "year": year, "years": years}
    return render(request, "initiatives/leverage_report.html", context)


def _chosen_year(value, years):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if year in years else timezone.localdate().year

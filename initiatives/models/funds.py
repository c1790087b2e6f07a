"""Funds (the kernbudget and others) and the grants allocated from them."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kernen.models import Kern
from kernportal.amounts import euro
from kernportal.queries import count_of, sum_of

from .initiative import NOT_NEGATIVE, POSITIVE, Initiative

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=12, decimal_places=2)


class FundQuerySet(models.QuerySet):
    def serving(self, kernen):
        """Funds an initiative of `kernen` may get money from: those serving one of them, and
        those serving every kern (no kernen set)."""
        return self.filter(Q(kernen__in=kernen) | Q(kernen__isnull=True)).distinct()

    def with_totals(self):
        """Annotate inhabitants, total, granted, paid and remaining, all computed by the
        database with subqueries: one query for any number of funds and grants. `total`,
        `granted`, `paid` and `remaining` are then properties without further queries."""
        return self.annotate(
            inhabitants_sum=sum_of(Kern.objects, "funds", "inhabitants"),
            total_sum=Case(
                When(kind=Fund.Kind.FIXED, then=Coalesce(F("fixed_amount"), Value(ZERO))),
                default=Coalesce(F("amount_per_inhabitant"), Value(ZERO)) * F("inhabitants_sum"),
                output_field=MONEY,
            ),
            granted_sum=sum_of(Grant.objects, "fund", "amount", MONEY),
            paid_sum=sum_of(Grant.objects, "fund", "paid_amount", MONEY),
            remaining_sum=ExpressionWrapper(F("total_sum") - F("granted_sum"), output_field=MONEY),
            kernen_count=count_of(Fund.kernen.through.objects, "fund"),
        )


class Fund(models.Model):
    class Kind(models.TextChoices):
        PER_INHABITANT = "per_inhabitant", _("Bedrag per inwoner van de kernen")
        FIXED = "fixed", _("Vast bedrag")

    name = models.CharField(_("naam"), max_length=150)
    year = models.PositiveSmallIntegerField(_("jaar"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    amount_per_inhabitant = models.DecimalField(
        _("bedrag per inwoner (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    fixed_amount = models.DecimalField(
        _("vast bedrag (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    kernen = models.ManyToManyField(
        Kern,
        verbose_name=_("voor de kernen"),
        related_name="funds",
        blank=True,
        help_text=_(
            "De kernen waarvoor het fonds is: alleen initiatieven uit deze kernen kunnen "
            "er geld uit krijgen. Bij een bedrag per inwoner krijgt elke kern zijn eigen deel. "
            "Leeg bij een vast bedrag: voor alle kernen (gemeentebreed)."
        ),
    )
    valid_from = models.DateField(
        _("geldig van"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: 1 januari van het jaar. Toekenningen moeten in deze periode besloten zijn."
        ),
    )
    valid_until = models.DateField(
        _("geldig tot en met"),
        null=True,
        blank=True,
        help_text=_("Leeg: 31 december van het jaar."),
    )
    description = models.TextField(
        _("omschrijving"), max_length=2000, validators=[MaxLengthValidator(2000)], blank=True
    )

    objects = FundQuerySet.as_manager()

    class Meta:
        verbose_name = _("fonds")
        verbose_name_plural = _("fondsen")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "year"],
                name="fund_unique_name_per_year",
                violation_error_message=_("Er is dit jaar al een fonds met deze naam."),
            )
        ]

    def __str__(self):
        return f"{self.name} {self.year}"

    def get_absolute_url(self):
        return reverse("initiatives:fund_detail", args=[self.pk])

    @property
    def is_per_inhabitant(self) -> bool:
        return self.kind == self.Kind.PER_INHABITANT

    @property
    def period_start(self) -> datetime.date:
        return self.valid_from or datetime.date(self.year, 1, 1)

    @property
    def period_end(self) -> datetime.date:
        return self.valid_until or datetime.date(self.year, 12, 31)

    def covers(self, day: datetime.date) -> bool:
        return self.period_start <= day <= self.period_end

    def clean(self):
        super().clean()
        if self.year and self.period_end < self.period_start:
            raise ValidationError(
                {"valid_until": _("Het einde van de periode ligt voor het begin.")}
            )
        if self.kind == self.Kind.PER_INHABITANT and self.amount_per_inhabitant is None:
            raise ValidationError({"amount_per_inhabitant": _("Vul het bedrag per inwoner in.")})
        if self.kind == self.Kind.FIXED and self.fixed_amount is None:
            raise ValidationError({"fixed_amount": _("Vul het vaste bedrag in.")})

    def compute_total(self, inhabitants: int | None = None) -> Decimal:
        """The fund's total in euros. Pass `inhabitants` when already known (no query)."""
        if self.kind == self.Kind.FIXED:
            return self.fixed_amount or ZERO
        if inhabitants is None:
            inhabitants = self.kernen.aggregate(s=Sum("inhabitants"))["s"] or 0
        return ((self.amount_per_inhabitant or ZERO) * inhabitants).quantize(Decimal("0.01"))

    # The properties below need a Fund from `Fund.objects.with_totals()`.
    @property
    def total(self) -> Decimal:
        return self.total_sum

    @property
    def granted(self) -> Decimal:
        return self.granted_sum

    @property
    def paid(self) -> Decimal:
        return self.paid_sum

    @property
    def remaining(self) -> Decimal:
        return self.remaining_sum


@dataclass
class KernShare:
    """One kern's part of a fund: `total` only for a fund per inhabitant (its inhabitants ×
    the amount), None for a fixed fund, where the kern only shows what went to it."""

    fund_id: int
    kern_id: int
    kern_name: str
    total: Decimal | None
    granted: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def remaining(self) -> Decimal | None:
        return None if self.total is None else self.total - self.granted


def kern_shares(funds, kernen=None) -> dict[tuple[int, int], KernShare]:
    """{(fund_id, kern_id): KernShare} for `funds` (limited to `kernen` if given): the part of
    each kern a fund per inhabitant serves, and what was granted and paid per kern from every
    fund. Two queries, whatever the number of funds, kernen and grants."""
    fund_ids = [f.pk for f in funds]
    per_inhabitant = {f.pk: f for f in funds if f.kind == Fund.Kind.PER_INHABITANT}
    kern_filter = {"kern__in": kernen} if kernen is not None else {}
    shares = {}
    for fund_id, kern_id, name, inhabitants in Fund.kernen.through.objects.filter(
        fund_id__in=per_inhabitant, **kern_filter
    ).values_list("fund_id", "kern_id", "kern__name", "kern__inhabitants"):
        total = per_inhabitant[fund_id].compute_total(inhabitants)
        shares[fund_id, kern_id] = KernShare(fund_id, kern_id, name, total)
    for fund_id, kern_id, name, granted, paid in (
        Grant.objects.filter(fund_id__in=fund_ids, kern__isnull=False, **kern_filter)
        .order_by()
        .values("fund_id", "kern_id", "kern__name")
        .annotate(g=Sum("amount"), p=Sum("paid_amount"))
        .values_list("fund_id", "kern_id", "kern__name", "g", "p")
    ):
        share = shares.setdefault((fund_id, kern_id), KernShare(fund_id, kern_id, name, None))
        share.granted, share.paid = granted, paid
    return shares


class Grant(models.Model):
    """Money allocated from a fund to an initiative, on the strength of its plan."""

    fund = models.ForeignKey(
        Fund, verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="grants"
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.PROTECT, related_name="grants"
    )
    amount = models.DecimalField(
        _("toegekend bedrag (euro)"), max_digits=10, decimal_places=2, validators=POSITIVE
    )
    kern = models.ForeignKey(
        Kern,
        verbose_name=_("ten laste van kern"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
        help_text=_(
            "Het deel van het fonds waar het geld vandaan komt (bij een bedrag per "
            "inwoner: het deel van die kern)."
        ),
        db_index=False,  # Meta.indexes, built concurrently on the existing table
    )
    decided_at = models.DateField(_("besloten op"))
    paid_amount = models.DecimalField(
        _("uitbetaald (euro)"),
        max_digits=10,
        decimal_places=2,
        default=ZERO,
        validators=NOT_NEGATIVE,
    )
    paid_at = models.DateField(_("uitbetaald op"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("toekenning")
        verbose_name_plural = _("toekenningen")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["kern"], name="initiatives_grant_kern_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(paid_amount__lte=F("amount")),
                name="grant_paid_not_above_amount",
                violation_error_message=_("Er kan niet meer worden uitbetaald dan is toegekend."),
            )
        ]

    def __str__(self):
        return _("%(amount)s uit %(fund)s voor %(initiative)s") % {
            "amount": euro(self.amount),
            "fund": self.fund,
            "initiative": self.initiative,
        }

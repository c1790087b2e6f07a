"""The decision process ("de besluitvormingsmachine"): statuses, the one table of allowed
transitions, and the admin-editable description of each step shown to initiators."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("Ontvangen")
    FIRST_CONVERSATION = "first_conversation", _("Eerste gesprek")
    PLAN = "plan", _("Plan uitgewerkt")
    GRANTED = "granted", _("Besluit: toegekend")
    GRANTED_CONDITIONS = "granted_conditions", _("Besluit: ja, mits")
    DECLINED = "declined", _("Besluit: afgewezen")
    RUNNING = "running", _("Loopt")
    COMPLETED = "completed", _("Afgerond")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


# The only place that says which step may follow which. Everything else asks this table.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.FIRST_CONVERSATION, Status.WITHDRAWN}),
    Status.FIRST_CONVERSATION: frozenset({Status.PLAN, Status.WITHDRAWN}),
    Status.PLAN: frozenset(
        {Status.GRANTED, Status.GRANTED_CONDITIONS, Status.DECLINED, Status.WITHDRAWN}
    ),
    Status.GRANTED: frozenset({Status.RUNNING, Status.WITHDRAWN}),
    Status.GRANTED_CONDITIONS: frozenset({Status.RUNNING, Status.WITHDRAWN}),
    Status.DECLINED: frozenset(),
    Status.RUNNING: frozenset({Status.COMPLETED, Status.WITHDRAWN}),
    Status.COMPLETED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

DECISIONS = frozenset({Status.GRANTED, Status.GRANTED_CONDITIONS, Status.DECLINED})
FINAL = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
OPEN = frozenset(TRANSITIONS) - FINAL
# Statuses in which a grant may be allocated: after a positive decision.
GRANTABLE = frozenset({Status.GRANTED, Status.GRANTED_CONDITIONS, Status.RUNNING})
# Statuses an initiative may be shown in publicly (with the initiator's consent).
PUBLIC_STATUSES = frozenset({Status.RUNNING, Status.COMPLETED})
# The main line of the process, as the initiator sees it on the tracking page.
MAIN_LINE = (
    Status.RECEIVED,
    Status.FIRST_CONVERSATION,
    Status.PLAN,
    "decision",
    Status.RUNNING,
    Status.COMPLETED,
)


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def check_transition(from_status: str, to_status: str) -> None:
    """Raise a Dutch ValidationError unless the table allows `from_status` → `to_status`."""
    if to_status not in allowed_transitions(from_status):
        labels = dict(Status.choices)
        raise ValidationError(
            {
                "to_status": _("Van '%(from)s' kan een initiatief niet naar '%(to)s'.")
                % {
                    "from": labels.get(from_status, from_status),
                    "to": labels.get(to_status, to_status),
                }
            }
        )


class DecisionStep(models.Model):
    """How one step of the process is explained to initiators. Edited by admins: the label,
    what happens, how long it typically takes and who decides (with an amount above which
    someone else decides, e.g. the alderman alone up to €5.000, the college above it)."""

    STEP_CHOICES = [
        (Status.RECEIVED, _("Ontvangen")),
        (Status.FIRST_CONVERSATION, _("Eerste gesprek")),
        (Status.PLAN, _("Plan uitwerken")),
        ("decision", _("Besluit")),
        (Status.RUNNING, _("Uitvoering")),
        (Status.COMPLETED, _("Afgerond")),
    ]

    step = models.CharField(_("stap"), max_length=30, choices=STEP_CHOICES, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    label = models.CharField(_("naam voor inwoners"), max_length=100)
    public_explanation = models.TextField(
        _("uitleg voor inwoners"),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
        blank=True,
    )
    typical_days = models.PositiveSmallIntegerField(_("gebruikelijke duur (dagen)"), default=14)
    decided_by = models.CharField(
        _("wie beslist"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'uw kerncontactpersoon' of 'de wethouder'."),
    )
    amount_threshold = models.DecimalField(
        _("bedraggrens (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Boven dit gevraagde bedrag beslist de partij hieronder. Leeg: geen grens."),
    )
    decided_by_above = models.CharField(
        _("wie beslist boven de bedraggrens"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld 'het college van burgemeester en wethouders'."),
    )

    class Meta:
        verbose_name = _("processtap")
        verbose_name_plural = _("processtappen")
        ordering = ["order"]

    def __str__(self):
        return self.label

    def who_decides(self, amount=None) -> str:
        if (
            self.amount_threshold is not None
            and amount is not None
            and amount > self.amount_threshold
            and self.decided_by_above
        ):
            return self.decided_by_above
        return self.decided_by

    def clean(self):
        super().clean()
        if self.amount_threshold is not None and not self.decided_by_above:
            raise ValidationError(
                {"decided_by_above": _("Vul in wie boven de bedraggrens beslist.")}
            )

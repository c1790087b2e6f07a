import datetime
import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernen.models import Kern
from kernportal.amounts import euro
from kernportal.consent import PrivacyConsentField
from kernportal.dates import format_date
from kernportal.forms import (
    CHOICES_SHOWN,
    AutocompleteMixin,
    DateInput,
    DutchAmountField,
    show_only,
)
from kernportal.tokens import new_token
from kernportal.users import users_with_perm
from kernportal.validators import PlainTextMixin

from . import access
from .models import DECISIONS, Fund, Initiative, Status, SupportRecord, allowed_transitions
from .models.funds import kern_shares
from .models.initiative import EscalationLevel, Help
from .services import SUBMIT_FIELDS

TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
# The agenda items a link form offers: a year back to two years ahead (and those linked).
AGENDA_PAST = datetime.timedelta(days=365)
AGENDA_AHEAD = datetime.timedelta(days=2 * 365)
TEXT_LIMIT_MESSAGE = _(
    "Deze tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."
)


# The amount parser (kernportal.amounts) reads Dutch notation in every language; only what
# it says is translated: its Dutch messages by their text, the rest through error_messages.
def decimal_input(field):
    """Coordinates typed by hand: "51,33" and "51.33" both work, in a text box."""
    field.localize = True
    field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
    field.widget.is_localized = True
    return field


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        if not isinstance(data, list | tuple):
            data = [data]
        return [super(MultipleFileField, self).clean(d, initial) for d in data]


class InitiativeSubmitForm(AutocompleteMixin, PlainTextMixin, forms.ModelForm):
    field_order = ["title", "description", "kernen"]

    kernen = forms.ModelMultipleChoiceField(
        label=_("Voor welke kern of kernen?"),
        queryset=Kern.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één kern.")},
    )
    help_asked = forms.MultipleChoiceField(
        label=_("Welke hulp vraagt u van de gemeente?"),
        choices=Help.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    privacy_consent = PrivacyConsentField(
        label=_(
            "Ik heb gelezen hoe de gemeente met mijn gegevens omgaat: zij gebruikt ze alleen "
            "om dit initiatief te begeleiden."
        ),
        required_message=_("Zonder uw akkoord kunnen wij uw initiatief niet behandelen."),
    )
    attachments = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_("Maximaal 5 bestanden van elk maximaal 5 MB: PDF, PNG of JPEG."),
    )
    # Honeypot: hidden from people, filled in by bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    class Meta:
        model = Initiative
        fields = ["kernen", *SUBMIT_FIELDS]
        field_classes = {"amount_requested": DutchAmountField}
        labels = {
            "title": _("Naam van uw initiatief"),
            "description": _("Beschrijf uw initiatief"),
            "initiator_name": _("Uw naam"),
            "initiator_email": _("Uw e-mailadres"),
            "initiator_phone": _("Uw telefoonnummer"),
            "may_publish": _(
                "Mijn initiatief mag op de openbare kaart van initiatieven staan "
                "(zonder mijn naam of contactgegevens)"
            ),
            "amount_requested": _("Gevraagd bedrag van de gemeente in euro"),
            "place_description": _("Straat of omschrijving van de plek"),
            "latitude": _("Breedtegraad van de plek"),
            "longitude": _("Lengtegraad van de plek"),
        }
        help_texts = {
            "goal": _("Wat verandert er in uw kern als het lukt?"),
            "amount_requested": _(
                "Schrijf het bedrag zoals u gewend bent, bijvoorbeeld 1.250,50 of 2.000."
            ),
            "latitude": _("Wordt ingevuld als u een plek op de kaart kiest."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "help_other": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("Kies een thema")),
            *self.fields["theme"].choices[1:],
        ]
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = TEXT_LIMIT_MESSAGE
        for name in ("latitude", "longitude"):
            decimal_input(self.fields[name])
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.pending_uploads = []
        self.files_dropped = False  # set when the rate limit turned files away

    @property
    def token(self) -> str:
        """This form's upload token, a hidden field: the one posted back, or a new one. Files
        kept from an earlier try of the form hang on it (see services.pending_upload_add);
        it is random per form, so nobody can name someone else's files."""
        if not hasattr(self, "_token"):
            posted = self.data.get("upload_token", "") if self.is_bound else ""
            self._token = posted if TOKEN.fullmatch(posted) else new_token()
        return self._token

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def service_fields(self) -> dict:
        skip = {"kernen", "privacy_consent", "attachments", "website"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class CoFundingForm(PlainTextMixin, forms.Form):
    source = forms.CharField(label=_("Bron"), max_length=150, required=False)
    amount = DutchAmountField(
        label=_("Bedrag (euro)"),
        min_value=Decimal("0.01"),
        required=False,
        error_messages={"min_value": _("Vul een bedrag groter dan nul in.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("amount") is None:
            self.add_error("amount", _("Vul het bedrag van deze bron in."))
        if data.get("amount") is not None and not data.get("source"):
            self.add_error("source", _("Vul in van wie dit geld komt."))
        return data


CoFundingFormSet = forms.formset_factory(
    CoFundingForm, extra=3, max_num=10, validate_max=True, absolute_max=10
)


def cofunding_rows(formset) -> list[dict]:
    return [f.cleaned_data for f in formset.forms if f.cleaned_data.get("source")]


# --- staff ---------------------------------------------------------------------------------


def staff_users():
    return users_with_perm("initiatives.view_initiative").order_by("first_name", "last_name")


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Nieuwe stap"))
    public_reason = forms.CharField(
        label=_("Toelichting voor de initiatiefnemer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Verplicht bij een besluit; de initiatiefnemer ziet dit op de volgpagina."),
    )
    note = forms.CharField(
        label=_("Interne toelichting"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, initiative, may_decide, may_manage, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Status.choices)
        targets = [
            s
            for s in Status.values
            if s in allowed_transitions(initiative.status)
            and (may_decide if s in DECISIONS else may_manage)
        ]
        self.fields["to_status"].choices = [(s, labels[s]) for s in targets]


class ReassignForm(forms.Form):
    official = forms.ModelChoiceField(
        label=_("Nieuwe contactpersoon"),
        queryset=None,
        help_text=_(
            "Alleen wie initiatieven in deze kern mag begeleiden: een kerncontactpersoon "
            "van de kern of een gebiedsregisseur. De initiatiefnemer krijgt hiervan bericht."
        ),
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = access.guiding_candidates(initiative).exclude(
            pk=initiative.contact_official_id or 0
        )
        self.fields["official"].label_from_instance = lambda u: u.get_full_name() or u.username


class SupportRecordForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = SupportRecord
        fields = ["kind", "date", "valid_until", "summary"]
        widgets = {
            "date": DateInput(),
            "valid_until": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class NoteForm(PlainTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class EscalateForm(forms.Form):
    level = forms.ChoiceField(label=_("Escaleren naar"), choices=EscalationLevel.choices)
    reason = forms.CharField(
        label=_("Waar loopt het vast?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class GrantForm(forms.Form):
    """Grant from a fund that serves one of the initiative's kernen; each choice shows what
    remains (of the fund, and of the kern's part for a fund per inhabitant)."""

    fund = forms.ModelChoiceField(label=_("Fonds"), queryset=None)
    kern = forms.ModelChoiceField(
        label=_("Ten laste van kern"),
        queryset=None,
        required=False,
        help_text=_(
            "Bij een kernbudget per inwoner: uit het deel van welke kern. Leeg: de eerste."
        ),
    )
    amount = DutchAmountField(
        label=_("Bedrag (euro)"),
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("Vul een bedrag groter dan nul in.")},
    )
    decided_at = forms.DateField(label=_("Besloten op"), widget=DateInput())

    def __init__(self, *args, initiative, **kwargs):
        kwargs.setdefault("initial", {"decided_at": timezone.localdate()})
        super().__init__(*args, **kwargs)
        kernen = list(initiative.kernen.order_by("name"))
        funds = list(Fund.objects.serving(kernen).with_totals().order_by("-year", "name"))
        shares = kern_shares(funds, kernen)
        self.fields["fund"].queryset = Fund.objects.filter(pk__in=[f.pk for f in funds])
        labels = {}
        for fund in funds:
            parts = [
                gettext("nog %(left)s van %(total)s")
                % {"left": euro(fund.remaining), "total": euro(fund.total)}
            ]
            for kern in kernen:
                if (fund.pk, kern.pk) in shares:
                    parts.append(
                        gettext("%(kern)s: nog %(left)s")
                        % {"kern": kern.name, "left": euro(shares[fund.pk, kern.pk].remaining)}
                    )
            period = gettext("%(start)s t/m %(end)s") % {
                "start": format_date(fund.period_start),
                "end": format_date(fund.period_end),
            }
            labels[fund.pk] = f"{fund} ({period}): {'; '.join(parts)}"
        self.fields["fund"].label_from_instance = lambda f: labels.get(f.pk, str(f))
        self.funds = funds
        self.fields["kern"].queryset = initiative.kernen.order_by("name")
        if len(kernen) < 2:
            self.fields["kern"].widget = forms.HiddenInput()
        if not funds:
            self.fields["fund"].help_text = gettext(
                "Er is geen fonds voor de kernen van dit initiatief. Een beheerder legt fondsen vast."
            )


class GrantPayForm(forms.Form):
    amount = DutchAmountField(label=_("Totaal uitbetaald (euro)"))
    paid_at = forms.DateField(label=_("Uitbetaald op"), widget=DateInput())


class CoFundingEditForm(CoFundingForm):
    """Staff correct the expected amount of one co-funding row and confirm what it became."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirmed_amount = DutchAmountField(
        label=_("Toegezegd en bevestigd (euro)"),
        required=False,
        help_text=_("Leeg laten zolang de bron het niet heeft bevestigd."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = _("Verwacht (euro)")

    def clean(self):
        data = super().clean()
        if data.get("id") and not data.get("source"):
            self.add_error("source", _("Vul in van wie dit geld komt."))
        return data


CoFundingEditFormSet = forms.formset_factory(
    CoFundingEditForm, extra=1, max_num=20, validate_max=True, absolute_max=20
)


class WithdrawForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom trekt u uw initiatief in?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Uw contactpersoon leest dit. Het staat ook op uw volgpagina."),
    )
    confirm = forms.BooleanField(
        label=_("Ja, ik trek mijn initiatief in. Dit kan ik niet ongedaan maken."),
        error_messages={"required": _("Vink aan dat u uw initiatief echt wilt intrekken.")},
    )


class LinkForm(forms.Form):
    """Related contact moments and agenda items, chosen from the initiative's own kernen."""

    contact_moments = forms.ModelMultipleChoiceField(
        label=_("Contactmomenten"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agenda_items = forms.ModelMultipleChoiceField(
        label=_("Agendapunten"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, initiative, **kwargs):
        from contacts.models import ContactMoment
        from kernen.models import AgendaItem

        kwargs.setdefault(
            "initial",
            {
                "contact_moments": initiative.contact_moments.all(),
                "agenda_items": initiative.agenda_items.all(),
            },
        )
        super().__init__(*args, **kwargs)
        # Ids, not a subquery: the latest moments of one kern are then read from the index on
        # (kern, happened_at) instead of sorting all of a busy kern's moments.
        kernen = list(initiative.kernen.values_list("pk", flat=True))
        self.fields["contact_moments"].queryset = (
            ContactMoment.objects.filter(kern__in=kernen)
            .select_related("kern")
            .order_by("-happened_at", "-pk")
        )
        self.fields["agenda_items"].queryset = (
            AgendaItem.objects.filter(kern__in=kernen)
            .select_related("kern")
            .order_by("start_date", "title")
        )
        self.fields["contact_moments"].label_from_instance = lambda m: (
            f"{m.kern.name}, {format_date(m.happened_at)}: {m.get_kind_display()}"
        )
        self.fields["agenda_items"].label_from_instance = lambda a: f"{a.kern.name}: {a.title}"
        # A busy kern holds tens of thousands of moments over the years: the form offers the
        # latest and those already linked; it accepts any of the kernen's.
        today = timezone.localdate()
        shown = {
            "contact_moments": show_only(
                self.fields["contact_moments"],
                self.fields["contact_moments"].queryset,
                initiative.contact_moments.select_related("kern").order_by("-happened_at"),
            ),
            "agenda_items": show_only(
                self.fields["agenda_items"],
                self.fields["agenda_items"].queryset.between(
                    today - AGENDA_PAST, today + AGENDA_AHEAD
                ),
                initiative.agenda_items.select_related("kern").order_by("start_date", "title"),
            ),
        }
        for name, empty, latest in (
            (
                "contact_moments",
                _("Er zijn nog geen contactmomenten in de kernen van dit initiatief."),
                _(
                    "De laatste %(count)d contactmomenten in de kernen van dit initiatief en de "
                    "al gekoppelde."
                ),
            ),
            (
                "agenda_items",
                _("Er zijn nog geen agendapunten in de kernen van dit initiatief."),
                _(
                    "De eerste %(count)d agendapunten in de kernen van dit initiatief van een jaar "
                    "terug tot twee jaar vooruit, en de al gekoppelde."
                ),
            ),
        ):
            if not shown[name]:
                self.fields[name].help_text = empty
            elif len(shown[name]) >= CHOICES_SHOWN:
                self.fields[name].help_text = latest % {"count": CHOICES_SHOWN}

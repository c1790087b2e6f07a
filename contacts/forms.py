import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import django_filters

from kernen.models import Kern
from kernportal.consent import PrivacyConsentField
from kernportal.dates import format_date
from kernportal.forms import (
    CHOICES_SHOWN,
    AutocompleteMixin,
    DateInput,
    DateTimeInput,
    LongSelect,
    choices_from_rows,
    show_only,
)
from kernportal.validators import PlainTextMixin

from . import participants
from .models import ContactMoment, FollowUp, Membership, Organisation, Person
from .services import MEMBERSHIP_FIELDS, ORGANISATION_FIELDS, PERSON_FIELDS

staff_users = participants.staff_users
_user_label = participants.user_label


def _colleague_label(user):
    """Name, team and themes, so a new KCP sees who handles what when routing a question."""
    profile = getattr(user, "profile", None)
    parts = [_user_label(user)]
    if profile is not None and profile.team:
        parts.append(_("team %(team)s") % {"team": profile.team})
    if profile is not None and profile.themes:
        parts.append(_("thema's: %(themes)s") % {"themes": profile.themes})
    return " – ".join(parts)


class PersonForm(PlainTextMixin, forms.ModelForm):
    field_order = ["name", "organisation", "role", "email", "phone", "kernen"]

    class Meta:
        model = Person
        fields = ["kernen", *PERSON_FIELDS]
        widgets = {
            "kernen": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "consent_date": DateInput(),
        }


class OrganisationForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community_group"].queryset = groups
        self.fields["community_group"].help_text = _(
            "Alleen als deze organisatie een groep van een kern is; u kunt kiezen uit de "
            "groepen van uw eigen kernen."
        )


class MembershipForm(PlainTextMixin, forms.ModelForm):
    """`groups`: the groups the user may add people to (contacts.access.groups_for_user); a
    group of another kern is not a valid choice."""

    class Meta:
        model = Membership
        fields = list(MEMBERSHIP_FIELDS)
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        error_messages = {
            "group": {"invalid_choice": gettext_lazy("Kies een groep van een van uw eigen kernen.")}
        }

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Naam of rol"), method="filter_q", max_length=100
    )
    kern = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Kern"),
        field_name="kernen",
        queryset=Kern.objects.all(),
        empty_label=gettext_lazy("Alle kernen"),
        widget=LongSelect,
    )
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisatie"),
        queryset=Organisation.objects.all(),
        empty_label=gettext_lazy("Alle organisaties"),
        widget=LongSelect,
    )
    role = django_filters.CharFilter(
        label=gettext_lazy("Rol"), lookup_expr="icontains", max_length=100
    )

    class Meta:
        model = Person
        fields = ["q", "kern", "organisation", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices_from_rows(self.filters["kern"].field, "name", label=str)
        choices_from_rows(self.filters["organisation"].field, "name", label=str)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(role__icontains=value))


class ContactMomentForm(PlainTextMixin, forms.ModelForm):
    """Offers a bounded, relevant few of the kern's contacts and of the colleagues as
    checkboxes (see contacts.participants; the page's search adds others), while accepting any
    active contact of the kern and any active colleague by id."""

    class Meta:
        model = ContactMoment
        fields = ["happened_at", "kind", "persons", "staff", "summary", "agreements"]
        widgets = {
            "happened_at": DateTimeInput(),
            "persons": forms.CheckboxSelectMultiple,
            "staff": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "agreements": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "persons": {
                "invalid_choice": gettext_lazy(
                    "Kies alleen actieve contactpersonen van deze kern; %(value)s hoort daar "
                    "niet bij."
                ),
                "invalid_pk_value": gettext_lazy("‘%(pk)s’ is geen contactpersoon."),
            },
            "staff": {
                "invalid_choice": gettext_lazy(
                    "Kies alleen actieve medewerkers; %(value)s is dat niet."
                ),
                "invalid_pk_value": gettext_lazy("‘%(pk)s’ is geen medewerker."),
            },
        }

    def __init__(self, *args, kern, user, staff_shown=None, persons_found=(), **kwargs):
        """`staff_shown`: the colleagues to offer (participants.relevant_staff), read once by
        the view for this form and the follow-up rows; `persons_found`: people a search
        without JavaScript found, offered besides the relevant ones."""
        super().__init__(*args, **kwargs)
        persons = participants.kern_persons(kern)
        if self.instance.pk:
            # Someone who left the kern or became inactive stays on a moment they attended.
            persons = persons | Person.objects.filter(contact_moments=self.instance)
        persons_field = self.fields["persons"]
        persons_field.queryset = persons.distinct()
        staff_field = self.fields["staff"]
        staff_field.queryset = participants.staff_users()
        staff_field.label_from_instance = _user_label
        if staff_shown is None:
            staff_shown = participants.relevant_staff(kern, user)
        relevant = participants.relevant_persons(kern)
        offered = {p.pk for p in relevant}
        relevant += [p for p in persons_found if p.pk not in offered]
        self._offer(persons_field, relevant, "persons")
        self._offer(staff_field, staff_shown, "staff")
        persons_field.help_text = _(
            "De contactpersonen van de kern die het laatst bij een contactmoment waren. Staat "
            "iemand er niet bij, zoek dan hieronder op naam."
        )
        staff_field.help_text = _(
            "De KCP’s van de kern, uzelf en wie hier onlangs bij was. Zoek hieronder een "
            "andere collega op naam."
        )

    def _offer(self, field, shown, name):
        """Show `shown` and whatever is chosen now (on the moment, or in the posted data,
        as far as it is valid): one query for the chosen ones not among `shown`."""
        ids = {obj.pk for obj in shown}
        chosen_ids = set()
        if self.is_bound:
            posted = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            chosen_ids = {int(v) for v in posted or () if str(v).isdigit()}
        if self.instance.pk:
            chosen_ids |= set(getattr(self.instance, name).values_list("pk", flat=True))
        chosen_ids -= ids
        extra = field.queryset.filter(pk__in=chosen_ids) if chosen_ids else []
        shown = sorted([*shown, *extra], key=lambda obj: field.label_from_instance(obj).lower())
        field.widget.choices = [(obj.pk, field.label_from_instance(obj)) for obj in shown]


# Not FollowUpForm.Meta.fields: the inline formset appends its foreign key to that list.
FOLLOWUP_FIELDS = ("description", "owner", "due_date")


class FollowUpForm(PlainTextMixin, forms.ModelForm):
    """One follow-up row. A row left empty is skipped; a row that is used needs all three
    fields (the formset's extra rows are `empty_permitted`, so "required" only bites then)."""

    class Meta:
        model = FollowUp
        fields = ["description", "owner", "due_date"]
        widgets = {"due_date": DateInput()}
        error_messages = {
            "description": {"required": gettext_lazy("Vul de actie in, of maak de rij leeg.")},
            "owner": {
                "required": gettext_lazy("Kies wie de actie doet."),
                "invalid_choice": gettext_lazy("Kies een actieve medewerker."),
            },
            "due_date": {"required": gettext_lazy("Vul in wanneer de actie uiterlijk klaar is.")},
        }

    def __init__(self, *args, owner_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = participants.staff_users()
        self.fields["owner"].label_from_instance = _user_label
        if owner_choices is not None:
            # Only the widget: the field still accepts every active colleague.
            self.fields["owner"].widget.choices = owner_choices
        self.use_required_attribute = False


class BaseFollowUpFormSet(forms.BaseInlineFormSet):
    """Every row offers the same bounded set of colleagues (`staff_shown`, plus the owners
    the rows hold now): read once, not once per row."""

    def __init__(self, *args, staff_shown=(), **kwargs):
        self.staff_shown = list(staff_shown)
        super().__init__(*args, **kwargs)

    def _owners_now(self) -> set[int]:
        ids = {f.owner_id for f in self.get_queryset() if f.owner_id} if self.instance.pk else set()
        if self.is_bound:
            key = re.compile(rf"^{re.escape(self.prefix)}-\d+-owner$")
            ids |= {int(v) for k, v in self.data.items() if key.match(k) and str(v).isdigit()}
        return ids

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if not hasattr(self, "_owner_choices"):
            shown = {u.pk: u for u in self.staff_shown}
            missing = self._owners_now() - set(shown)
            if missing:
                shown.update({u.pk: u for u in participants.staff_users().filter(pk__in=missing)})
            users = sorted(shown.values(), key=lambda u: _user_label(u).lower())
            self._owner_choices = [("", "---------")] + [(u.pk, _user_label(u)) for u in users]
        kwargs["owner_choices"] = self._owner_choices
        return kwargs

    @property
    def empty_form(self):
        form = super().empty_form
        if hasattr(self, "_owner_choices"):
            form.fields["owner"].widget.choices = self._owner_choices
        return form


MAX_FOLLOWUPS = 50
FOLLOWUP_PREFIX = "acties"
FollowUpFormSet = forms.inlineformset_factory(
    ContactMoment,
    FollowUp,
    form=FollowUpForm,
    formset=BaseFollowUpFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_FOLLOWUPS,
    validate_max=True,
)


def followup_rows(formset) -> list[dict]:
    """The rows of a valid follow-up formset as the contact-moment services take them:
    unchanged and empty rows left out, removed ones marked `delete`."""
    rows = []
    for form in formset.forms:
        existing = form.instance.pk
        if not form.has_changed() or (existing is None and not form.cleaned_data):
            continue
        delete = formset.can_delete and form.cleaned_data.get("DELETE", False)
        if delete and existing is None:
            continue
        row = {"followup_id": existing, "delete": delete}
        if not delete:
            row.update({name: form.cleaned_data[name] for name in FOLLOWUP_FIELDS})
        rows.append(row)
    return rows


class QuestionForm(AutocompleteMixin, PlainTextMixin, forms.Form):
    """The public form. `website` is a honeypot: hidden from people, filled in by bots."""

    name = forms.CharField(label=gettext_lazy("Uw naam"), max_length=100)
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        max_length=254,
        help_text=gettext_lazy("We sturen u een bevestiging met een link om uw vraag te volgen."),
        error_messages={
            "invalid": gettext_lazy("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")
        },
    )
    text = forms.CharField(
        label=gettext_lazy("Uw vraag"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": gettext_lazy("Uw vraag is te lang: maximaal %(limit_value)d tekens.")
        },
    )
    privacy_consent = PrivacyConsentField()
    website = forms.CharField(
        label=gettext_lazy("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email", "text"):
            self.fields[name].error_messages["required"] = _("Dit veld is verplicht.")

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class InternalQuestionForm(PlainTextMixin, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Uw vraag aan de KCP"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Bijvoorbeeld: welke rol neem ik in dit project met deze kern?"),
    )


# The question page holds several forms; a prefix each keeps every id on the page unique.
class AnswerForm(PlainTextMixin, forms.Form):
    prefix = "antwoord"
    answer = forms.CharField(
        label=gettext_lazy("Antwoord"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class MessageForm(PlainTextMixin, forms.Form):
    prefix = "bericht"
    message = forms.CharField(
        label=gettext_lazy("Bericht aan de vrager"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Bijvoorbeeld: we zoeken het uit en laten voor 1 december iets weten. "
            "De vrager krijgt dit per e-mail; de reactietermijn is daarmee gehaald."
        ),
    )


class RouteForm(PlainTextMixin, forms.Form):
    prefix = "doorzetten"
    to_user = forms.ModelChoiceField(
        label=gettext_lazy("Doorzetten naar"),
        queryset=None,
        help_text=gettext_lazy(
            "Met team en thema's van elke collega. Doorzetten is nog geen reactie aan de vrager."
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting voor de collega"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = staff_users()
        self.fields["to_user"].label_from_instance = _colleague_label


class CloseForm(PlainTextMixin, forms.Form):
    prefix = "afsluiten"
    note = forms.CharField(
        label=gettext_lazy("Reden van afsluiten"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("De vrager ziet deze reden in de e-mail en op de statuspagina."),
        error_messages={"required": gettext_lazy("Vul de reden in: de vrager krijgt die te zien.")},
    )


class AgendaItemMomentsForm(forms.Form):
    """Which of the kern's contact moments an agenda item was discussed in."""

    contact_moments = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Besproken in contactmomenten"),
        queryset=ContactMoment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, kern, linked=(), **kwargs):
        """`linked`: the moments the item is linked to now, shown whatever their age."""
        super().__init__(*args, **kwargs)
        field = self.fields["contact_moments"]
        field.queryset = ContactMoment.objects.filter(kern=kern)
        field.label_from_instance = lambda moment: (
            f"{moment.get_kind_display()} {kern.name} {format_date(moment.happened_at)}"
        )
        # Offer the kern's latest moments and the linked ones, not every moment of the years.
        shown = show_only(field, field.queryset.order_by("-happened_at", "-pk"), linked)
        if len(shown) >= CHOICES_SHOWN:
            field.help_text = gettext_lazy(
                "De laatste %(count)d contactmomenten van de kern en de al gekoppelde."
            ) % {"count": CHOICES_SHOWN}

from django import forms
from django.db.models import Q

import django_filters

from kernen.models import CommunityGroup, Kern
from kernportal.forms import AutocompleteMixin, DateInput, DateTimeInput
from kernportal.users import users_with_perm
from kernportal.validators import PlainTextMixin

from .models import ContactMoment, FollowUp, Membership, Organisation, Person
from .services import MEMBERSHIP_FIELDS, ORGANISATION_FIELDS, PERSON_FIELDS


def staff_users():
    return users_with_perm("kernen.view_kern").order_by("first_name", "last_name")


def _user_label(user):
    return user.get_full_name() or user.username


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community_group"].queryset = CommunityGroup.objects.select_related("kern")


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = list(MEMBERSHIP_FIELDS)
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = CommunityGroup.objects.select_related("kern")


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Naam of rol", method="filter_q", max_length=100)
    kern = django_filters.ModelChoiceFilter(
        label="Kern", field_name="kernen", queryset=Kern.objects.all(), empty_label="Alle kernen"
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Organisatie", queryset=Organisation.objects.all(), empty_label="Alle organisaties"
    )
    role = django_filters.CharFilter(label="Rol", lookup_expr="icontains", max_length=100)

    class Meta:
        model = Person
        fields = ["q", "kern", "organisation", "role"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(role__icontains=value))


class ContactMomentForm(PlainTextMixin, forms.ModelForm):
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

    def __init__(self, *args, kern, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = Person.objects.active().filter(kernen=kern)
        self.fields["staff"].queryset = staff_users()
        self.fields["staff"].label_from_instance = _user_label


class FollowUpForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["description", "owner", "due_date"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
        self.fields["owner"].label_from_instance = _user_label
        self.empty_permitted = True
        self.use_required_attribute = False


FollowUpFormSet = forms.formset_factory(FollowUpForm, extra=3, max_num=10, validate_max=True)


class QuestionForm(AutocompleteMixin, PlainTextMixin, forms.Form):
    """The public form. `website` is a honeypot: hidden from people, filled in by bots."""

    name = forms.CharField(label="Uw naam", max_length=100)
    email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        help_text="We sturen u een bevestiging met een link om uw vraag te volgen.",
        error_messages={"invalid": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."},
    )
    text = forms.CharField(
        label="Uw vraag",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "Uw vraag is te lang: maximaal %(limit_value)d tekens."},
    )
    website = forms.CharField(
        label="Laat dit veld leeg",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email", "text"):
            self.fields[name].error_messages["required"] = "Dit veld is verplicht."

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class InternalQuestionForm(PlainTextMixin, forms.Form):
    text = forms.CharField(
        label="Uw vraag aan de KCP",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Bijvoorbeeld: welke rol neem ik in dit project met deze kern?",
    )


class AnswerForm(PlainTextMixin, forms.Form):
    answer = forms.CharField(
        label="Antwoord", max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class RouteForm(forms.Form):
    to_user = forms.ModelChoiceField(label="Doorzetten naar", queryset=None)
    note = forms.CharField(
        label="Toelichting voor de collega",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = staff_users()
        self.fields["to_user"].label_from_instance = _user_label


class CloseForm(forms.Form):
    note = forms.CharField(
        label="Reden van afsluiten", max_length=2000, required=False, widget=forms.TextInput
    )


class AgendaItemMomentsForm(forms.Form):
    """Which of the kern's contact moments an agenda item was discussed in."""

    contact_moments = forms.ModelMultipleChoiceField(
        label="Besproken in contactmomenten",
        queryset=ContactMoment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, kern, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_moments"].queryset = ContactMoment.objects.filter(kern=kern)


class SearchForm(forms.Form):
    q = forms.CharField(label="Zoeken naar", max_length=100, min_length=2)

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kernen.models import Kern
from kernportal.forms import DateInput
from kernportal.validators import PlainTextMixin

from .definitions import Owner, Role
from .guide import Answers
from .models import ParticipationRequest, ParticipationReview, QuietPeriod, ReviewStatus
from .services import REQUEST_FORM_FIELDS

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


class ClassifyForm(forms.Form):
    """The rolwijzer's questions, then the chosen role. Posting with 'Rol voorstellen' only
    shows the suggestion; saving needs a role (and a reason when it differs)."""

    legal_task = forms.ChoiceField(
        label=_("Gaat het om een wettelijke taak of om handhaving?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    owner = forms.ChoiceField(
        label=_("Wie is eigenaar van het vraagstuk?"),
        choices=Owner.choices,
        widget=forms.RadioSelect,
    )
    municipality_decides = forms.ChoiceField(
        label=_("Neemt de gemeente het eindbesluit?"), choices=YES_NO, widget=forms.RadioSelect
    )
    community_leading = forms.ChoiceField(
        label=_("Heeft de gemeenschap al het voortouw?"), choices=YES_NO, widget=forms.RadioSelect
    )
    role = forms.ChoiceField(
        label=_("Gekozen rol"),
        choices=[("", _("Kies een rol")), *Role.choices],
        required=False,
        help_text=_(
            "Het voorstel van de rolwijzer staat hierboven; u mag anders kiezen, met reden."
        ),
    )
    reason = forms.CharField(
        label=_("Reden van de keuze"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            legal_task=data["legal_task"] == "ja",
            owner=data["owner"],
            municipality_decides=data["municipality_decides"] == "ja",
            community_leading=data["community_leading"] == "ja",
        )


class ParticipationRequestForm(PlainTextMixin, forms.ModelForm):
    kernen = forms.ModelMultipleChoiceField(
        label=_("Kern(en)"),
        queryset=Kern.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één kern.")},
    )

    class Meta:
        model = ParticipationRequest
        fields = ["kernen", *REQUEST_FORM_FIELDS]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "ask": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt voor de begindatum."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[c for c in ReviewStatus.choices if c[0] != ReviewStatus.PENDING],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden (de aanvrager krijgt deze te lezen)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Geef de reden van uw besluit; de aanvrager krijgt die te lezen.")
        },
    )
    combined_with = forms.ModelChoiceField(
        label=_("Combineren met verzoek"),
        queryset=ParticipationRequest.objects.none(),
        required=False,
    )
    postponed_to = forms.DateField(label=_("Uitstellen tot"), required=False, widget=DateInput())
    override_reason = forms.CharField(
        label=_("Reden om de participatierem te passeren"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Alleen nodig als de kern boven de drempel zit of in een stille periode."),
    )

    def __init__(self, *args, review: ParticipationReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["combined_with"].queryset = (
            ParticipationRequest.objects.filter(reviews__kern_id=review.kern_id)
            .exclude(pk=review.request_id)
            .order_by("start_date")
        )


class QuietPeriodForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = QuietPeriod
        fields = ["start_date", "end_date", "reason"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError({"end": _("De einddatum ligt voor de begindatum.")})
        return data

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kernportal.forms import DateInput
from kernportal.validators import PlainTextMixin

from .models import AgendaItem, CommunityGroup, KcpAssignment, Kern, StaffProfile
from .services import AGENDA_FIELDS, KERN_FIELDS


class KernForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Kern
        fields = list(KERN_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "inhabitants": {"min_value": _("Het aantal inwoners kan niet negatief zijn.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alderman"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")
        )
        self.fields["inhabitants"].widget.attrs["min"] = 0


class KernDescriptionForm(PlainTextMixin, forms.ModelForm):
    """What a KCP may change about their own kern."""

    class Meta:
        model = Kern
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class CommunityGroupForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = CommunityGroup
        fields = ["kind", "name", "email", "website", "meeting_info", "is_active"]


class KcpAssignmentForm(forms.ModelForm):
    class Meta:
        model = KcpAssignment
        fields = ["user", "role", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")
        )
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username


class KcpAssignmentEndForm(forms.Form):
    end_date = forms.DateField(label=_("Laatste dag als KCP"), widget=DateInput())


class DigestPreferencesForm(forms.ModelForm):
    class Meta:
        model = StaffProfile
        fields = ["digest_frequency", "digest_weekday", "immediate_notifications"]
        help_texts = {"digest_weekday": _("Alleen voor de wekelijkse overzichtsmail.")}


class AgendaItemForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = list(AGENDA_FIELDS)
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

import pytest

from kernen.forms import CommunityGroupForm, KcpAssignmentForm, KernForm
from kernen.models import KcpAssignment

from .factories import KcpAssignmentFactory, KernFactory, UserFactory

pytestmark = pytest.mark.django_db

VALID_KERN = {
    "name": "Grashoek",
    "slug": "grashoek",
    "inhabitants": "1800",
    "latitude": "51.35900",
    "longitude": "5.93000",
    "description": "",
    "is_active": "on",
}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"inhabitants": "-3"}, "inhabitants", "Het aantal inwoners kan niet negatief zijn."),
        ({"latitude": "48.80000"}, "latitude", "Vul een breedtegraad in Nederland in"),
        ({"longitude": "9.10000"}, "longitude", "Vul een lengtegraad in Nederland in"),
        ({"slug": "bestaand"}, "slug", "Er is al een kern met deze slug."),
        ({"name": ""}, "name", "Dit veld is verplicht."),
    ],
)
def test_kern_form_rejects_bad_input_with_a_dutch_message(change, field, message):
    KernFactory(slug="bestaand", name="Bestaand")
    form = KernForm(data={**VALID_KERN, **change})
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_kern_form_accepts_valid_input():
    assert KernForm(data=VALID_KERN).is_valid()


def test_assignment_form_rejects_a_second_primary():
    existing = KcpAssignmentFactory()
    form = KcpAssignmentForm(
        data={"user": UserFactory().pk, "role": "primary", "start_date": "2025-05-01"},
        instance=KcpAssignment(kern=existing.kern),
    )
    assert not form.is_valid()
    assert "al een eerste KCP" in form.errors["role"][0]


def test_assignment_form_rejects_an_end_before_the_start():
    form = KcpAssignmentForm(
        data={
            "user": UserFactory().pk,
            "role": "backup",
            "start_date": "2025-05-01",
            "end_date": "2025-04-01",
        },
        instance=KcpAssignment(kern=KernFactory()),
    )
    assert not form.is_valid()
    assert form.errors["end_date"] == ["De einddatum ligt voor de begindatum."]


def test_group_form_rejects_a_bad_email_and_website():
    form = CommunityGroupForm(
        data={"kind": "dorpsraad", "name": "X", "email": "geen-adres", "website": "niets"}
    )
    assert not form.is_valid()
    assert form.errors["email"] == ["Voer een geldig e-mailadres in."]
    assert form.errors["website"] == ["Voer een geldige URL in."]

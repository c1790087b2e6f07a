"""Staff guiding money and people: co-funding corrected and confirmed, and a contact official
chosen only among those who may guide initiatives in the kern."""

from decimal import Decimal

from django.urls import reverse

import pytest

from initiatives.models import CoFunding
from kernen.models import KcpAssignment
from kernen.tests.factories import KcpAssignmentFactory, UserFactory

from .factories import CoFundingFactory

pytestmark = pytest.mark.django_db


def rows(*forms, initial=0):
    data = {
        "cofinanciering-TOTAL_FORMS": str(len(forms)),
        "cofinanciering-INITIAL_FORMS": str(initial),
        "cofinanciering-MIN_NUM_FORMS": "0",
        "cofinanciering-MAX_NUM_FORMS": "20",
    }
    for n, form in enumerate(forms):
        for key, value in form.items():
            data[f"cofinanciering-{n}-{key}"] = value
    return data


def test_staff_correct_and_confirm_cofunding_in_dutch_amounts(client_for, kcp, initiative):
    expected = CoFundingFactory(initiative=initiative, source="Oranjefonds", amount=Decimal("3000"))
    url = reverse("initiatives:cofundings", args=[initiative.pk])
    client = client_for(kcp)
    assert 'value="3.000,00"' in client.get(url).text
    data = rows(
        {
            "id": expected.pk,
            "source": "Oranjefonds",
            "amount": "2.500",
            "confirmed_amount": "2.000",
        },
        {"id": "", "source": "Rabo Clubsupport", "amount": "750,50", "confirmed_amount": ""},
        initial=1,
    )
    assert client.post(url, data).status_code == 302
    expected.refresh_from_db()
    assert expected.amount == Decimal("2500.00")
    assert expected.confirmed_amount == Decimal("2000.00")
    assert expected.confirmed_by == kcp and expected.confirmed_at is not None
    added = CoFunding.objects.get(source="Rabo Clubsupport")
    assert added.amount == Decimal("750.50") and not added.is_confirmed
    detail = client.get(initiative.get_absolute_url()).text
    assert "bevestigd: € 2.000,00" in detail and "nog niet bevestigd" in detail


def test_a_wrong_cofunding_amount_is_refused_and_nothing_changes(client_for, kcp, initiative):
    row = CoFundingFactory(initiative=initiative, amount=Decimal("3000"))
    url = reverse("initiatives:cofundings", args=[initiative.pk])
    data = rows(
        {"id": row.pk, "source": "Oranjefonds", "amount": "1,250.00", "confirmed_amount": ""},
        initial=1,
    )
    response = client_for(kcp).post(url, data)
    assert "bijvoorbeeld 1.250,50" in response.text
    row.refresh_from_db()
    assert row.amount == Decimal("3000.00")


def test_cofunding_is_changed_only_by_who_guides_it(
    client_for, other_kcp, colleague, wethouder, initiative
):
    url = reverse("initiatives:cofundings", args=[initiative.pk])
    # Out of scope: 404, as for every private initiative (initiatives/access.py's policy).
    assert client_for(other_kcp).get(url).status_code == 404
    assert client_for(colleague).get(url).status_code == 404
    # Sees every initiative but guides none: 403.
    assert client_for(wethouder).get(url).status_code == 403


def test_the_reassign_form_offers_only_who_may_guide_in_the_kern(
    client_for, kcp, other_kcp, regisseur, colleague, initiative
):
    backup = KcpAssignmentFactory(
        kern=initiative.kernen.get(),
        role=KcpAssignment.Role.BACKUP,
        user=UserFactory(first_name="Noor", last_name="Vervanger", groups=["KCP"]),
    ).user
    text = client_for(kcp).get(reverse("initiatives:reassign", args=[initiative.pk])).text
    assert f'value="{backup.pk}"' in text
    assert f'value="{regisseur.pk}"' in text
    assert f'value="{colleague.pk}"' not in text  # a medewerker has no guiding actions
    assert f'value="{other_kcp.pk}"' not in text  # KCP of another kern
    response = client_for(kcp).post(
        reverse("initiatives:reassign", args=[initiative.pk]), {"official": colleague.pk}
    )
    assert "Selecteer een geldige keuze" in response.text

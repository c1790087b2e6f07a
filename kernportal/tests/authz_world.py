"""The objects and personas the URL × persona authorization matrix runs against: everything
exists twice, once in "this kern" (Egchel) and once in "another kern" (Beringe), and the URLs
are built from this kern's objects."""

import datetime
import hashlib
from decimal import Decimal

from django.apps import apps
from django.core.files.base import ContentFile

from contacts.models import Membership, Organisation
from contacts.tests.factories import (
    ContactMomentFactory,
    FollowUpFactory,
    PersonFactory,
    QuestionFactory,
)
from initiatives.models import Attachment
from initiatives.tests.factories import (
    CoFundingFactory,
    FundFactory,
    GrantFactory,
    InitiativeFactory,
)
from kernen.services import calendar_token_for
from kernen.tests.factories import (
    AgendaItemFactory,
    CommunityGroupFactory,
    KcpAssignmentFactory,
    KernFactory,
    UserFactory,
)
from kernportal.tokens import hash_token
from roles.tests.factories import (
    ClassificationFactory,
    ParticipationRequestFactory,
    QuietPeriodFactory,
)

PERSONAS = (
    "anonymous",
    "resident",
    "no_group",
    "medewerker",
    "kcp",
    "other_kcp",
    "regisseur",
    "wethouder",
    "beheerder",
)

# The apps whose rows a forbidden POST must leave untouched.
DOMAIN_APPS = ("kernen", "contacts", "initiatives", "roles", "kernportal")

QUESTION_TOKEN = "vraag-token-egchel-0123456789abcdef"


class World:
    """Objects of this kern (`this`) and of another kern (`other`), plus the personas."""

    def __init__(self):
        self.kern = KernFactory(name="Egchel", slug="egchel")
        self.other_kern = KernFactory(name="Beringe", slug="beringe")
        self.users = {
            "no_group": UserFactory(username="buitenstaander"),
            "medewerker": UserFactory(username="collega", groups=["medewerker"]),
            "kcp": UserFactory(username="kcp", groups=["KCP"]),
            "other_kcp": UserFactory(username="other-kcp", groups=["KCP"]),
            "regisseur": UserFactory(username="regisseur", groups=["gebiedsregisseur"]),
            "wethouder": UserFactory(username="wethouder", groups=["wethouder"]),
            "beheerder": UserFactory(username="beheerder", groups=["beheerder"], is_staff=True),
        }
        self.assignment = KcpAssignmentFactory(kern=self.kern, user=self.users["kcp"])
        KcpAssignmentFactory(kern=self.other_kern, user=self.users["other_kcp"])
        self.group = CommunityGroupFactory(kern=self.kern)
        self.agenda_item = AgendaItemFactory(kern=self.kern)
        self.person = PersonFactory(kernen=[self.kern])
        self.membership = Membership.objects.create(person=self.person, group=self.group)
        self.organisation = Organisation.objects.create(
            name="Dorpsraad Egchel",
            kind=Organisation.Kind.COMMUNITY,
            community_group=self.group,
        )
        self.moment = ContactMomentFactory(kern=self.kern, created_by=self.users["kcp"])
        self.followup = FollowUpFactory(contact_moment=self.moment, owner=self.users["kcp"])
        self.question = QuestionFactory(kern=self.kern, token_hash=hash_token(QUESTION_TOKEN))
        self.question_token = QUESTION_TOKEN
        self.initiative = InitiativeFactory(kernen=[self.kern], private=True)
        self.initiative_token = self.initiative.tracking_token
        CoFundingFactory(initiative=self.initiative)
        self.public_initiative = InitiativeFactory(kernen=[self.kern], running=True)
        self.attachment = Attachment.objects.create(
            initiative=self.initiative,
            file=ContentFile(b"%PDF-1.4 test", name="plan.pdf"),
            original_name="plan.pdf",
            content_type="application/pdf",
            size=13,
        )
        self.fund = FundFactory()
        self.grant = GrantFactory(fund=self.fund, initiative=self.initiative, amount=Decimal(100))
        self.participation = ParticipationRequestFactory(
            kernen=[self.kern], requester=self.users["medewerker"]
        )
        self.review = self.participation.reviews.get(kern=self.kern)
        self.quiet = QuietPeriodFactory(kern=self.kern)
        ClassificationFactory(obj=self.agenda_item, kern=self.kern)
        self.feed_token = calendar_token_for(self.users["kcp"]).token

        # The same again in the other kern: nothing of it may change by a forbidden POST.
        other = self.other_kern
        CommunityGroupFactory(kern=other)
        AgendaItemFactory(kern=other)
        PersonFactory(kernen=[other])
        other_moment = ContactMomentFactory(kern=other, created_by=self.users["other_kcp"])
        FollowUpFactory(contact_moment=other_moment, owner=self.users["other_kcp"])
        QuestionFactory(kern=other)
        InitiativeFactory(kernen=[other], private=True)
        ParticipationRequestFactory(kernen=[other])
        QuietPeriodFactory(
            kern=other, start_date=datetime.date(2026, 10, 1), end_date=datetime.date(2026, 10, 7)
        )

    def user(self, persona):
        return self.users.get(persona)


def database_fingerprint() -> str:
    """A digest of every row of the domain apps, to prove a request changed nothing."""
    digest = hashlib.sha256()
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            rows = model.objects.order_by("pk").values_list()
            digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()

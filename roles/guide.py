"""The rolwijzer: a few questions, starting from ownership, that suggest a role and say why."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .definitions import Owner, Role


@dataclass(frozen=True)
class Answers:
    legal_task: bool  # a legal task or enforcement?
    owner: str  # Owner: who owns the issue?
    municipality_decides: bool  # does the municipality take the final decision?
    community_leading: bool  # is the community already leading?


def suggest_role(answers: Answers) -> tuple[str, str]:
    """(role, explanation in the active language) for the answers. Pure: no database, no side effects."""
    if answers.legal_task:
        return Role.RED, _(
            "Het gaat om een wettelijke taak of handhaving: de gemeente is eigenaar en beslist. "
            "Participatie is niet nodig; leg wel uit waarom."
        )
    if answers.owner == Owner.COMMUNITY:
        return Role.GREEN, _(
            "De gemeenschap is eigenaar van het vraagstuk: de gemeente ondersteunt als partner "
            "en laat haar regels thuis."
        )
    if answers.community_leading:
        return Role.GREEN, _(
            "De gemeenschap heeft al het voortouw: sluit aan als partner in plaats van het over "
            "te nemen."
        )
    if answers.municipality_decides:
        return Role.BLUE, _(
            "De gemeente neemt het eindbesluit: zij beslist volgens haar procedures en inwoners "
            "doen mee via participatie en inspraak."
        )
    if answers.owner == Owner.SHARED:
        return Role.GREEN, _(
            "Het eigenaarschap is gedeeld en de gemeente neemt niet het eindbesluit: werk samen "
            "als partner naast de gemeenschap."
        )
    return Role.BLUE, _(
        "De gemeente is eigenaar, ook al ligt het eindbesluit elders (bijvoorbeeld bij de raad "
        "of een partner): werk volgens de procedures, met inspraak voor inwoners."
    )

"""Initiatives, their decision process and the funds that pay for them."""

from .funds import Fund, FundQuerySet, Grant
from .initiative import (
    Attachment,
    CoFunding,
    Initiative,
    InitiativeQuerySet,
    Note,
    PendingUpload,
    StatusStep,
    SupportRecord,
)
from .process import (
    DECISIONS,
    FINAL,
    OPEN,
    PUBLIC_STATUSES,
    TRANSITIONS,
    DecisionStep,
    Status,
    allowed_transitions,
    check_transition,
)

__all__ = [
    "DECISIONS",
    "FINAL",
    "OPEN",
    "PUBLIC_STATUSES",
    "TRANSITIONS",
    "Attachment",
    "CoFunding",
    "DecisionStep",
    "Fund",
    "FundQuerySet",
    "Grant",
    "Initiative",
    "InitiativeQuerySet",
    "Note",
    "PendingUpload",
    "Status",
    "StatusStep",
    "SupportRecord",
    "allowed_transitions",
    "check_transition",
]

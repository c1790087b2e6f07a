"""Initiative views by audience: residents (`public`), staff guiding initiatives (`guiding`)
and money (`funds`). Re-exported here so `urls.py` reads `views.<name>`."""

from .funds import cofundings, fund_detail, fund_list, grant_create, grant_pay, leverage
from .guiding import (
    attachment_download,
    board,
    change_status,
    deescalate,
    detail,
    escalate,
    escalations,
    export,
    links,
    note_add,
    reassign,
    support_add,
)
from .public import geojson, public_detail, public_list, submit, submitted, track, withdraw

__all__ = [
    "attachment_download",
    "board",
    "change_status",
    "cofundings",
    "deescalate",
    "detail",
    "escalate",
    "escalations",
    "export",
    "fund_detail",
    "fund_list",
    "geojson",
    "grant_create",
    "grant_pay",
    "leverage",
    "links",
    "note_add",
    "public_detail",
    "public_list",
    "reassign",
    "submit",
    "submitted",
    "support_add",
    "track",
    "withdraw",
]

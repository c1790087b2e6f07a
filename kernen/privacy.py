"""Personal data kernen holds (see kernportal/privacy.py): none about residents. Kernen,
community groups and agenda items describe organisations; community groups' e-mail
addresses are the groups' own. Staff accounts and profiles are managed in Django admin and
end with employment, not by a retention period."""

HANDLERS = []

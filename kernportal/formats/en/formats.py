"""The English version writes dates the same way round as the Dutch one: "3 December 2026"
(and "3 December 2026, 14:30"), not Django's American "Dec. 3, 2026"."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j F Y, H:i"

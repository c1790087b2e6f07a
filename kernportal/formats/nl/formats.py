"""Dates are written one way everywhere: "3 december 2026" (and "3 december 2026, 14.30").
Templates use `|date` and `|date:"DATETIME_FORMAT"`; Python uses kernportal.dates.format_date."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
SHORT_DATETIME_FORMAT = "j F Y, H.i"

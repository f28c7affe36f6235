"""Opening hours of an Espace read for its « Nous trouver » page (structured in the pack)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

WEEKDAY_KEYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAY_LABELS = {
    "lundi": _("Lundi"),
    "mardi": _("Mardi"),
    "mercredi": _("Mercredi"),
    "jeudi": _("Jeudi"),
    "vendredi": _("Vendredi"),
    "samedi": _("Samedi"),
    "dimanche": _("Dimanche"),
}


def _time(value: str) -> str:
    """« 09:00 » → « 9 h », « 12:30 » → « 12 h 30 » (French typography, no-break spaces)."""
    hour, minute = value.split(":")
    return f"{int(hour)}\u00a0h" + (f"\u00a0{minute}" if minute != "00" else "")


def _ranges(ranges: list[str]) -> list[str]:
    return [" – ".join(_time(t) for t in r.split("-")) for r in ranges]


def weekly_rows(site) -> list[dict]:
    """The seven days in order, each with its time ranges (empty: closed); [] when the site has
    no weekly hours at all (unknown hours are absent, never « fermé »)."""
    if not site.hours:
        return []
    return [
        {"key": day, "label": WEEKDAY_LABELS[day], "ranges": _ranges(site.hours.get(day, []))}
        for day in WEEKDAY_KEYS
    ]


def upcoming_exceptions(site, *, today: dt.date) -> list[dict]:
    """Dated exceptions and closures that end today or later, soonest first."""
    rows = []
    for e in site.hours_exceptions or []:
        start = dt.date.fromisoformat(e["date"])
        end = dt.date.fromisoformat(e["until"]) if e.get("until") else start
        if end < today:
            continue
        rows.append(
            {
                "start": start,
                "end": end if end != start else None,
                "closed": not e.get("hours"),
                "ranges": _ranges(e.get("hours") or []),
                "label": e.get("label", ""),
            }
        )
    return sorted(rows, key=lambda r: r["start"])

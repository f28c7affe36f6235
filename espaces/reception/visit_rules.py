"""What a visit of a territory may contain, shared by the desk, the API and `import_visits`.

Every error says what is wrong and, for a choice, the allowed values, in French.
A commune must be one of the territory's communes (INSEE code or name, accents and case
ignored) or be left empty: an unknown commune is an error, never kept as free text, so that
the statistics by commune stay exact (docs/reception.md)."""

import datetime as dt
import re
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext

from espaces.common.dates import date_in_range
from espaces.territories.models import Commune, Site, Territory

from .enums import AgeBand, Gender, OptionKind, PublicCategory, Qpv
from .models import MAX_GROUP_SIZE, VisitOption

CSV_COLUMNS = [
    "date",
    "site",
    "public_category",
    "gender",
    "age_band",
    "qpv",
    "commune",
    "channel",
    "purpose",
    "group_size",
]
ENUMS = {
    "public_category": PublicCategory,
    "gender": Gender,
    "age_band": AgeBand,
    "qpv": Qpv,
}
DEFAULTS = {
    "gender": Gender.NON_RENSEIGNE,
    "age_band": AgeBand.INCONNU,
    "qpv": Qpv.INCONNU,
}


def normalise(text: str) -> str:
    """'Saint-Pol-sur-Mer' and 'saint pol sur mer' compare equal."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def allowed_hint(values) -> str:
    return ", ".join(values) if values else "aucune"


def parse_date(value) -> dt.date:
    """YYYY-MM-DD (the CSV format); DD/MM/YYYY is accepted from French spreadsheets."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if not date_in_range(day):
            raise ValueError(
                f"date « {text} » hors des limites : entre le 01/01/2000 et le 31/12/2100"
            )
        return day
    raise ValueError(f"date « {text} » invalide : format AAAA-MM-JJ attendu (ex. 2025-03-14)")


def visit_rules_for(territory: Territory) -> "VisitRules":
    """The territory's VisitRules, kept in this process while its content version stays the
    same (espaces/ops/content_version.py: sites, communes and visit options are content): the
    desk reads them at every visit recorded. Read-only: never change what it holds."""
    from espaces.ops.content_version import current

    version = current(territory.pk)
    kept = _KEPT.get(territory.pk)
    if kept is not None and kept[0] == version:
        return kept[1]
    rules = VisitRules(territory)
    _KEPT[territory.pk] = (version, rules)
    return rules


_KEPT: dict[int, tuple[str, "VisitRules"]] = {}


class VisitRules:
    """The sites, communes, channels and purposes of one territory, read once."""

    def __init__(self, territory: Territory):
        self.territory = territory
        self.sites = {s.slug: s for s in Site.objects.filter(territory=territory)}
        communes = list(Commune.objects.filter(territory=territory).order_by("name"))
        self.communes = communes
        self.communes_by_code = {c.insee: c for c in communes}
        self.communes_by_name = {normalise(c.name): c for c in communes}
        self.options: dict[str, list[tuple[VisitOption, set[int]]]] = {
            OptionKind.CHANNEL: [],
            OptionKind.PURPOSE: [],
        }
        for option in VisitOption.objects.filter(territory=territory).prefetch_related("sites"):
            self.options[option.kind].append((option, {s.pk for s in option.sites.all()}))

    # --- lists the desk shows -----------------------------------------------------------------
    def options_for(self, kind: str, site: Site | None) -> list[VisitOption]:
        return [
            option
            for option, sites in self.options[kind]
            if not sites or (site is not None and site.pk in sites)
        ]

    def labels(self, kind: str) -> dict[str, str]:
        return {option.slug: option.label for option, _ in self.options[kind]}

    # --- single values ------------------------------------------------------------------------
    def resolve_commune(self, value) -> Commune | None:
        text = str(value or "").strip()
        if not text:
            return None
        commune = self.communes_by_code.get(text) or self.communes_by_name.get(normalise(text))
        if commune is None:
            # "Saint-Pol-sur-Mer (59183)" as the desk's list shows it
            match = re.search(r"\((\w{5})\)\s*$", text)
            commune = self.communes_by_code.get(match.group(1)) if match else None
        if commune is None:
            names = [f"{c.name} ({c.insee})" for c in self.communes]
            raise ValueError(
                gettext(
                    "commune « %(text)s » inconnue sur ce territoire. Indiquez le code INSEE ou le "
                    "nom d'une de ces communes, ou laissez vide : %(allowed)s."
                )
                % {"text": text, "allowed": allowed_hint(names)}
            )
        return commune

    def resolve_option(self, kind: str, value, site: Site | None) -> str:
        slug = str(value or "").strip().lower()
        if not slug:
            return ""
        allowed = [o.slug for o in self.options_for(kind, site)]
        if slug not in allowed:
            what = "canal" if kind == OptionKind.CHANNEL else "motif"
            where = f" pour l'espace « {site.slug} »" if site else ""
            raise ValueError(
                f"{what} « {slug} » inconnu{where}. Valeurs permises : "
                f"{allowed_hint(allowed)} (ou vide)."
            )
        return slug

    def resolve_choice(self, field: str, value) -> str:
        enum = ENUMS[field]
        text = str(value or "").strip().lower()
        if not text:
            if field in DEFAULTS:
                return DEFAULTS[field]
            raise ValueError(f"valeur obligatoire. Valeurs permises : {allowed_hint(enum.values)}.")
        if text not in enum.values:
            raise ValueError(
                f"valeur « {text} » inconnue. Valeurs permises : {allowed_hint(enum.values)}."
            )
        return text

    def resolve_site(self, value) -> Site:
        slug = str(value or "").strip().lower()
        site = self.sites.get(slug)
        if site is None:
            label = f"espace « {slug} » inconnu" if slug else "espace obligatoire"
            raise ValueError(f"{label}. Valeurs permises : {allowed_hint(sorted(self.sites))}.")
        return site

    @staticmethod
    def resolve_group_size(value) -> int:
        if value is None or str(value).strip() == "":
            return 1
        try:
            size = int(str(value).strip())
        except ValueError:
            size = 0
        if size < 1 or size > MAX_GROUP_SIZE:
            raise ValueError(
                f"nombre de personnes « {value} » invalide : un entier de 1 à {MAX_GROUP_SIZE} "
                "est attendu."
            )
        return size

    # --- a whole row --------------------------------------------------------------------------
    def clean(self, raw: dict, *, site: Site | None = None) -> tuple[dict, dict[str, str]]:
        """Values ready for `Visit(**values)` and errors by field (empty when valid).

        `site` is given when the caller already knows it (the desk); otherwise `raw["site"]`."""
        values: dict = {}
        errors: dict[str, str] = {}

        def attempt(field, resolve):
            try:
                values[field] = resolve()
            except ValueError as exc:
                errors[field] = str(exc)

        if raw.get("date") in (None, ""):
            values["date"] = timezone.localdate()
        else:
            attempt("date", lambda: parse_date(raw["date"]))
            if "date" in values and values["date"] > timezone.localdate():
                errors["date"] = f"date « {values.pop('date')} » dans le futur."
        if site is None:
            attempt("site", lambda: self.resolve_site(raw.get("site")))
        else:
            values["site"] = site
        for field in ENUMS:
            attempt(field, lambda field=field: self.resolve_choice(field, raw.get(field)))
        attempt("commune", lambda: self.resolve_commune(raw.get("commune")))
        chosen_site = values.get("site")
        if chosen_site is not None:
            attempt(
                "channel",
                lambda: self.resolve_option(OptionKind.CHANNEL, raw.get("channel"), chosen_site),
            )
            attempt(
                "purpose",
                lambda: self.resolve_option(OptionKind.PURPOSE, raw.get("purpose"), chosen_site),
            )
        attempt("group_size", lambda: self.resolve_group_size(raw.get("group_size")))
        return values, errors

"""What an offer of a territory may contain, shared by the employer's form, the API and the
imports (`espaces import_offres`). Every error names the field and says what to write, in
French; a choice lists its allowed values."""

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext

from espaces.catalogue.models import Metier
from espaces.reception.visit_rules import normalise, parse_date
from espaces.territories.enums import PartnerKind
from espaces.territories.models import Commune, Partner, Sector, Territory

from .enums import Contract, RecruitmentMethod
from .models import ROME_CODE

MAX_POSTS = 999
MAX_TITLE = 200
MAX_TEXT = 10_000
# Spellings people and files use for the contracts, and the value they mean.
CONTRACT_ALIASES = {
    "cdi": Contract.CDI,
    "cdd": Contract.CDD,
    "interim": Contract.INTERIM,
    "mission interimaire": Contract.INTERIM,
    "alternance": Contract.ALTERNANCE,
    "apprentissage": Contract.ALTERNANCE,
    "contrat de professionnalisation": Contract.ALTERNANCE,
    "poei": Contract.POEI_POEC,
    "poec": Contract.POEI_POEC,
    "poei poec": Contract.POEI_POEC,
    "stage": Contract.STAGE,
}
TRUE_WORDS = {"1", "true", "oui", "yes", "on", "vrai"}
FALSE_WORDS = {"0", "false", "non", "no", "off", "faux", ""}


class OfferRules:
    """The employers, communes, job sheets and sectors of one territory, read once."""

    def __init__(self, territory: Territory):
        self.territory = territory
        communes = list(Commune.objects.filter(territory=territory))
        self.communes_by_code = {c.insee: c for c in communes}
        self.communes_by_name = {normalise(c.name): c for c in communes}
        partners = list(Partner.objects.filter(territory=territory))
        self.employers = {p.slug: p for p in partners}
        self.employers_by_name = {normalise(p.name): p for p in partners}
        self.sectors = {s.slug: s for s in Sector.objects.filter(territory=territory)}
        self.metiers = {
            m.slug: m
            for m in Metier.objects.filter(territory=territory).prefetch_related(
                "rome_fiches", "sectors"
            )
        }

    # --- single fields ---------------------------------------------------------------------
    def resolve_employer(self, value) -> Partner:
        text = str(value or "").replace("\x00", "").strip()
        if not text:
            raise ValueError(gettext("indiquez l'employeur (identifiant de l'organisation)."))
        partner = self.employers.get(text) or self.employers_by_name.get(normalise(text))
        if partner is None:
            known = sorted(s for s, p in self.employers.items() if p.kind == PartnerKind.EMPLOYER)
            raise ValueError(
                gettext("employeur « %(value)s » inconnu. Employeurs du territoire : %(known)s.")
                % {"value": text, "known": ", ".join(known) or "aucun"}
            )
        return partner

    def resolve_commune(self, value) -> Commune | None:
        text = str(value or "").strip()
        if not text:
            return None
        match = re.match(r"^(.*)\((\d[\dAB]\d{3})\)\s*$", text)
        if match:
            text = match.group(2)
        commune = self.communes_by_code.get(text) or self.communes_by_name.get(normalise(text))
        if commune is None:
            raise ValueError(
                gettext(
                    "commune « %(value)s » inconnue : donnez le code INSEE ou le nom d'une commune "
                    "du territoire."
                )
                % {"value": text}
            )
        return commune

    @staticmethod
    def resolve_rome_codes(value) -> list[str]:
        if value is None or value == "":
            items = []
        elif isinstance(value, str):
            items = re.split(r"[,;\s]+", value)
        elif isinstance(value, list | tuple):
            items = [str(v) for v in value]
        else:
            raise ValueError(gettext('liste de codes ROME attendue (ex. ["H2913"]).'))
        codes = []
        for item in items:
            code = item.strip().upper()
            if not code:
                continue
            if not ROME_CODE.match(code):
                raise ValueError(
                    gettext(
                        "code ROME « %(value)s » invalide : une lettre et 4 chiffres (ex. H2913)."
                    )
                    % {"value": item.strip()}
                )
            if code not in codes:
                codes.append(code)
        if not codes:
            raise ValueError(gettext("indiquez au moins un code ROME (ex. H2913)."))
        if len(codes) > 10:
            raise ValueError(gettext("10 codes ROME au plus."))
        return codes

    @staticmethod
    def resolve_contract(value) -> str:
        text = normalise(str(value or ""))
        contract = CONTRACT_ALIASES.get(text) or (text.replace(" ", "_") if text else "")
        if contract not in Contract.values:
            raise ValueError(
                gettext("contrat « %(value)s » inconnu. Valeurs permises : %(allowed)s.")
                % {"value": value or "", "allowed": ", ".join(Contract.values)}
            )
        return contract

    @staticmethod
    def resolve_method(value) -> str:
        text = str(value or "").strip().lower() or RecruitmentMethod.CV
        if text not in RecruitmentMethod.values:
            raise ValueError(
                gettext("méthode « %(value)s » inconnue. Valeurs permises : %(allowed)s.")
                % {"value": value, "allowed": ", ".join(RecruitmentMethod.values)}
            )
        return text

    @staticmethod
    def resolve_posts(value) -> int:
        if value is None or value == "":
            return 1
        try:
            posts = int(str(value).strip())
        except ValueError:
            raise ValueError(gettext("nombre entier attendu (ex. 3).")) from None
        if not 1 <= posts <= MAX_POSTS:
            raise ValueError(gettext("entre 1 et %(max)s postes.") % {"max": MAX_POSTS})
        return posts

    @staticmethod
    def resolve_date(value, *, future_only: bool = False) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        text = str(value).strip()[:10] if not isinstance(value, dt.date) else value
        try:
            day = parse_date(text)
        except ValueError as exc:
            raise ValueError(str(exc)) from None
        if future_only and day < timezone.localdate():
            raise ValueError(
                gettext("la date de clôture est passée : choisissez une date à venir.")
            )
        return day

    @staticmethod
    def resolve_bool(value) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value or "").strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError(gettext("oui ou non attendu (true ou false)."))

    @staticmethod
    def resolve_text(value, *, limit: int, required: bool = False) -> str:
        text = str(value or "").strip()
        if "\x00" in text:
            raise ValueError(gettext("caractère nul interdit : retirez-le."))
        if required and not text:
            raise ValueError(gettext("champ obligatoire : écrivez-le."))
        if len(text) > limit:
            raise ValueError(gettext("%(limit)s caractères au plus.") % {"limit": limit})
        return text

    def resolve_metier(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        metier = self.metiers.get(text)
        if metier is None:
            raise ValueError(
                gettext("fiche métier « %(value)s » inconnue dans ce territoire.") % {"value": text}
            )
        return metier

    def resolve_sector(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        sector = self.sectors.get(text)
        if sector is None:
            raise ValueError(
                gettext("secteur « %(value)s » inconnu. Valeurs permises : %(allowed)s.")
                % {"value": text, "allowed": ", ".join(self.sectors)}
            )
        return sector

    def metier_for_codes(self, codes: list[str]):
        """The local job sheet sharing a ROME code with the offer (first by title), if any."""
        matches = [m for m in self.metiers.values() if set(m.rome_codes) & set(codes)]
        return min(matches, key=lambda m: m.title) if matches else None

    # --- a whole offer -----------------------------------------------------------------------
    def clean(self, raw: dict, *, partial: bool = False) -> tuple[dict, dict[str, str]]:
        """(values, errors): every field of `raw` checked; `errors` maps a field to its message.
        `employer` is resolved by the caller (who may publish for whom is not a data rule)."""
        values: dict = {}
        errors: dict[str, str] = {}
        fields = {
            "title": lambda v: self.resolve_text(v, limit=MAX_TITLE, required=True),
            "rome_codes": self.resolve_rome_codes,
            "contract": self.resolve_contract,
            "posts": self.resolve_posts,
            "commune": self.resolve_commune,
            "closing_on": lambda v: self.resolve_date(v, future_only=True),
            "start_on": self.resolve_date,
            "description": lambda v: self.resolve_text(v, limit=MAX_TEXT),
            "requirements": lambda v: self.resolve_text(v, limit=MAX_TEXT),
            "hours": lambda v: self.resolve_text(v, limit=200),
            "shift_work": self.resolve_bool,
            "open_without_diploma": self.resolve_bool,
            "funded_training": self.resolve_bool,
            "recruitment_method": self.resolve_method,
            "metier": self.resolve_metier,
            "sector": self.resolve_sector,
        }
        required = {"title", "rome_codes", "contract"}
        for name, resolve in fields.items():
            if name not in raw:
                if partial:
                    continue
                if name in required:
                    errors[name] = gettext("champ obligatoire manquant.")
                    continue
            try:
                values[name] = resolve(raw.get(name))
            except ValueError as exc:
                errors[name] = str(exc)
        if not errors and not partial:
            if values.get("metier") is None:
                values["metier"] = self.metier_for_codes(values["rome_codes"])
            if values.get("sector") is None and values["metier"] is not None:
                values["sector"] = next(iter(values["metier"].sectors.all()), None)
        return values, errors

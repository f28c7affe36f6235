"""Reads of the statistics: every figure is an aggregate computed by the database (GROUP BY,
conditional sums); Python only folds the aggregated rows that come back. Visits are read
through their monthly tallies (espaces/stats/tallies.py).

Every selector takes the territory and a `StatsFilter` (period, site, public category)."""

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Replace, Upper
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from espaces.common.enums import PublicCategory
from espaces.events.enums import (
    AttendanceStatus,
    ClassLevel,
    RegistrationStatus,
    SchoolKind,
    SessionStatus,
)
from espaces.events.models import Registration, Session
from espaces.orientation.models import OrientationCompletion, OrientationResult
from espaces.reception.enums import (
    AgeBand,
    ExitOutcome,
    FollowUpOutcome,
    Gender,
    JournalKind,
    OptionKind,
    Qpv,
    ReferralStatus,
)
from espaces.reception.models import Beneficiary, FollowUp, JournalEntry, Referral
from espaces.territories.models import Commune, Site, Territory

from . import conf, tallies
from .enums import TallyDimension

PROFESSIONAL = PublicCategory.PROFESSIONNEL_ACCOMPAGNEMENT
PUBLIC_CATEGORIES = [c for c in PublicCategory if c != PROFESSIONAL]
MONTHS = [
    _("janvier"), _("février"), _("mars"), _("avril"), _("mai"), _("juin"), _("juillet"),
    _("août"), _("septembre"), _("octobre"), _("novembre"), _("décembre"),
]  # fmt: skip
POSITIVE_REFERRALS = (
    ReferralStatus.ENTREE_FORMATION,
    ReferralStatus.EN_EMPLOI,
    ReferralStatus.EN_IMMERSION,
)
ACCEPTED_REFERRALS = (ReferralStatus.ACCEPTEE, ReferralStatus.SANS_SUITE, *POSITIVE_REFERRALS)


@dataclass(frozen=True)
class StatsFilter:
    """What the figures cover: a period (bounds included), optionally one Espace and one public
    category (the latter applies to visits and to registrations to events)."""

    date_from: dt.date
    date_to: dt.date
    site: Site | None = None
    public: str = ""

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def label(self) -> str:
        text = gettext("du %(start)s au %(end)s") % {
            "start": format_day(self.date_from),
            "end": format_day(self.date_to),
        }
        if self.site:
            text += f", {self.site.name}"
        if self.public:
            text += ", " + gettext("public « %(public)s »") % {
                "public": PublicCategory(self.public).label
            }
        return text


def format_day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


@dataclass
class Series:
    """One chart and its data table: labelled counts (`key` is the stable slug)."""

    slug: str
    title: str
    description: str
    rows: list[tuple[str, str, int]] = field(default_factory=list)  # (key, label, value)
    column: str = _("Personnes")

    @property
    def total(self) -> int:
        return sum(value for _, _, value in self.rows)

    def as_dict(self) -> dict:
        return {key: value for key, _, value in self.rows}


@dataclass
class Table:
    """A table with several columns (sessions per type, schools…), downloadable as CSV."""

    slug: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    description: str = ""


# --- helpers ---------------------------------------------------------------------------------
def _aware_bounds(filters: StatsFilter) -> tuple[dt.datetime, dt.datetime]:
    """[start of the first day, start of the day after the last) in local time."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(filters.date_from, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def held_sessions(territory: Territory, filters: StatsFilter):
    """Sessions that took place in the period: not cancelled, already started."""
    start, end = _aware_bounds(filters)
    sessions = Session.objects.filter(
        territory=territory,
        status=SessionStatus.PLANNED,
        start__gte=start,
        start__lt=min(end, timezone.now()),
    )
    if filters.site is not None:
        sessions = sessions.filter(site=filters.site)
    return sessions.order_by()


# --- visits ----------------------------------------------------------------------------------
def visit_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """Visitors of the public by category, gender, age band, QPV, commune, channel, purpose,
    site and month; professionals of the support sector counted apart (a group of N counts N)."""
    categories = dict.fromkeys(PublicCategory.values, 0)
    genders = dict.fromkeys(Gender.values, 0)
    ages = dict.fromkeys(AgeBand.values, 0)
    qpv = dict.fromkeys(Qpv.values, 0)
    pro_genders = dict.fromkeys(Gender.values, 0)
    by_month: dict[dt.date, list[int]] = {}
    totals: dict[str, dict] = {"commune_id": {}, "channel": {}, "purpose": {}, "site_id": {}}
    folds = {
        TallyDimension.AGE_BAND: ages,
        TallyDimension.QPV: qpv,
        TallyDimension.COMMUNE: totals["commune_id"],
        TallyDimension.CHANNEL: totals["channel"],
        TallyDimension.PURPOSE: totals["purpose"],
    }
    # Aggregated rows (monthly tallies + partial months): every visit appears once per dimension.
    for month, site_id, public, dimension, value, n in tallies.visit_rows(territory, filters):
        professional = public == PROFESSIONAL
        if dimension == TallyDimension.GENDER:
            by_month.setdefault(month, [0, 0])[1 if professional else 0] += n
            if professional:
                pro_genders[value] = pro_genders.get(value, 0) + n
                continue
            genders[value] = genders.get(value, 0) + n
            categories[public] = categories.get(public, 0) + n
            totals["site_id"][site_id] = totals["site_id"].get(site_id, 0) + n
        elif not professional:
            counts = folds[dimension]
            if dimension == TallyDimension.COMMUNE:
                value = int(value) if value else None
            counts[value] = counts.get(value, 0) + n
    professionals = sum(pro_genders.values())
    visitors = sum(genders.values())
    months = [{"month": m, "public": v[0], "pros": v[1]} for m, v in sorted(by_month.items())]

    def ranked(counts: dict) -> list[tuple]:
        return sorted(counts.items(), key=lambda item: (-item[1], str(item[0] or "")))

    commune_names = {
        pk: (insee, name)
        for pk, insee, name in Commune.objects.filter(
            pk__in=[pk for pk in totals["commune_id"] if pk]
        ).values_list("pk", "insee", "name")
    }
    communes = [
        {
            "commune__insee": commune_names.get(pk, ("", ""))[0] if pk else "",
            "commune__name": commune_names.get(pk, ("", ""))[1] if pk else "",
            "n": n,
        }
        for pk, n in ranked(totals["commune_id"])
    ]
    labels = _option_labels(territory)
    channels = [{"channel": key, "n": n} for key, n in ranked(totals["channel"])]
    purposes = [{"purpose": key, "n": n} for key, n in ranked(totals["purpose"])]
    sites = []
    if filters.site is None:
        site_rows = {
            pk: (slug, name)
            for pk, slug, name in Site.objects.filter(territory=territory).values_list(
                "pk", "slug", "name"
            )
        }
        sites = [
            {"site__slug": site_rows[pk][0], "site__name": site_rows[pk][1], "n": n}
            for pk, n in ranked(totals["site_id"])
            if pk in site_rows
        ]

    def option_rows(rows, kind):
        return [
            (
                r[kind] or "",
                labels[kind].get(r[kind], r[kind]) if r[kind] else gettext("Non renseigné"),
                r["n"],
            )
            for r in rows
        ]

    series = [
        Series(
            "visiteurs-par-public",
            gettext("Visiteurs par public"),
            gettext(
                "Personnes venues dans les Espaces, par catégorie de public (hors professionnels "
                "de l'accompagnement, comptés à part)."
            ),
            [
                (c.value, c.label, categories[c.value])
                for c in PUBLIC_CATEGORIES
                if not filters.public or filters.public == c.value
            ],
        ),
        Series(
            "visiteurs-par-genre",
            gettext("Visiteurs par genre"),
            gettext(
                "Genre déclaré ou constaté à l'accueil ; « non renseigné » quand il n'a pas été noté."
            ),
            [(g.value, g.label, genders[g.value]) for g in Gender],
        ),
        Series(
            "visiteurs-par-age",
            gettext("Visiteurs par tranche d'âge"),
            gettext("Tranche d'âge notée à l'accueil (jamais de date de naissance)."),
            [(a.value, a.label, ages[a.value]) for a in AgeBand],
        ),
        Series(
            "visiteurs-qpv",
            gettext("Visiteurs habitant un quartier prioritaire (QPV)"),
            gettext(
                "Habitants d'un quartier prioritaire de la politique de la ville, selon la personne."
            ),
            [(q.value, q.label, qpv[q.value]) for q in Qpv],
        ),
        Series(
            "visiteurs-par-commune",
            gettext("Visiteurs par commune de résidence"),
            gettext("Commune de résidence notée à l'accueil."),
            [
                (
                    r["commune__insee"] or "",
                    r["commune__name"] or gettext("Commune non renseignée"),
                    r["n"],
                )
                for r in communes
            ],
        ),
        Series(
            "visiteurs-par-canal",
            gettext("Comment les visiteurs ont connu l'Espace"),
            gettext("Canal noté à l'accueil."),
            option_rows(channels, "channel"),
        ),
        Series(
            "visiteurs-par-motif",
            gettext("Motifs de visite"),
            gettext("Ce que la personne venait faire."),
            option_rows(purposes, "purpose"),
        ),
        Series(
            "visiteurs-par-mois",
            gettext("Visiteurs par mois"),
            gettext(
                "Personnes du public venues chaque mois (les professionnels sont dans le tableau)."
            ),
            [(r["month"].strftime("%Y-%m"), month_label(r["month"]), r["public"]) for r in months],
        ),
    ]
    if sites:
        series.append(
            Series(
                "visiteurs-par-espace",
                gettext("Visiteurs par Espace"),
                gettext("Personnes du public venues dans chaque Espace."),
                [(r["site__slug"], r["site__name"], r["n"]) for r in sites],
            )
        )
    month_table = Table(
        "visiteurs-et-professionnels-par-mois",
        gettext("Visiteurs et professionnels par mois"),
        [
            gettext("Mois"),
            gettext("Visiteurs du public"),
            gettext("Professionnels de l'accompagnement"),
        ],
        [[month_label(r["month"]), r["public"], r["pros"]] for r in months],
    )
    return {
        "visitors": visitors,
        "professionals": professionals,
        "by_public_category": {c.value: categories[c.value] for c in PUBLIC_CATEGORIES},
        "by_gender": genders,
        "by_age_band": ages,
        "qpv": qpv,
        "professionals_by_gender": pro_genders,
        "series": series,
        "month_table": month_table,
    }


def _option_labels(territory: Territory) -> dict[str, dict[str, str]]:
    from espaces.reception.models import VisitOption

    labels: dict[str, dict[str, str]] = {OptionKind.CHANNEL: {}, OptionKind.PURPOSE: {}}
    for kind, slug, label in VisitOption.objects.filter(territory=territory).values_list(
        "kind", "slug", "label"
    ):
        labels[kind][slug] = label
    return {"channel": labels[OptionKind.CHANNEL], "purpose": labels[OptionKind.PURPOSE]}


# --- events ----------------------------------------------------------------------------------
def _confirmed_seats(territory: Territory, filters: StatsFilter, sessions):
    registrations = Registration.objects.filter(
        territory=territory, session__in=sessions, status=RegistrationStatus.CONFIRMED
    )
    if filters.public:
        registrations = registrations.filter(public_category=filters.public)
    return registrations.order_by()


def event_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """Sessions held and participants per event type (seats: a class of 25 counts 25), fill rate
    (confirmed seats / seats offered), no-show rate (absent / (present + absent)), hours."""
    sessions = held_sessions(territory, filters)
    duration = ExpressionWrapper(F("end") - F("start"), output_field=DurationField())
    per_type = list(
        sessions.values("event_type_id", "event_type__name", "event_type__kind")
        .annotate(sessions=Count("pk"), capacity=Sum("capacity"), duration=Sum(duration))
        .order_by("event_type__name")
    )
    seats = {
        row["session__event_type_id"]: row
        for row in _confirmed_seats(territory, filters, sessions)
        .values("session__event_type_id")
        .annotate(
            registered=Sum("seats"),
            present=Coalesce(Sum("seats", filter=Q(attendance=AttendanceStatus.PRESENT)), 0),
            absent=Coalesce(Sum("seats", filter=Q(attendance=AttendanceStatus.ABSENT)), 0),
            excused=Coalesce(Sum("seats", filter=Q(attendance=AttendanceStatus.EXCUSED)), 0),
        )
    }
    rows = []
    total = {"sessions": 0, "capacity": 0, "registered": 0, "present": 0, "absent": 0}
    total["excused"] = 0
    hours = 0.0
    for row in per_type:
        c = seats.get(row["event_type_id"], {})
        line = {
            "name": row["event_type__name"],
            "kind": row["event_type__kind"],
            "sessions": row["sessions"],
            "capacity": row["capacity"] or 0,
            "registered": c.get("registered") or 0,
            "present": c.get("present") or 0,
            "absent": c.get("absent") or 0,
            "excused": c.get("excused") or 0,
            "hours": _hours(row["duration"]),
        }
        line["fill_rate"] = rate(line["registered"], line["capacity"])
        line["no_show_rate"] = rate(line["absent"], line["present"] + line["absent"])
        rows.append(line)
        for key in total:
            total[key] += line[key]
        hours += line["hours"]
    total["hours"] = round(hours, 2)
    total["fill_rate"] = rate(total["registered"], total["capacity"])
    total["no_show_rate"] = rate(total["absent"], total["present"] + total["absent"])
    table = Table(
        "seances-par-type",
        gettext("Séances et participants par type d'événement"),
        [
            gettext("Type d'événement"),
            gettext("Séances"),
            gettext("Heures"),
            gettext("Places offertes"),
            gettext("Places réservées"),
            gettext("Présents"),
            gettext("Absents"),
            gettext("Excusés"),
            gettext("Taux de remplissage"),
            gettext("Taux d'absence"),
        ],
        [
            [
                r["name"],
                r["sessions"],
                r["hours"],
                r["capacity"],
                r["registered"],
                r["present"],
                r["absent"],
                r["excused"],
                percent(r["fill_rate"]),
                percent(r["no_show_rate"]),
            ]
            for r in rows
        ],
        gettext(
            "Séances tenues (non annulées, déjà commencées) ; une classe de 25 élèves compte 25 "
            "places. Taux d'absence = absents / (présents + absents)."
        ),
    )
    series = Series(
        "participants-par-type",
        gettext("Participants présents par type d'événement"),
        gettext("Personnes pointées présentes aux séances tenues dans la période."),
        [(r["kind"], r["name"], r["present"]) for r in rows],
    )
    return {"rows": rows, "total": total, "table": table, "series": series}


def _hours(duration) -> float:
    """Sum of durations: a timedelta, or microseconds on back-ends without interval type."""
    if duration is None:
        return 0.0
    if isinstance(duration, dt.timedelta):
        return round(duration.total_seconds() / 3600, 2)
    return round(int(duration) / 3_600_000_000, 2)


def percent(value: float | None) -> str:
    """0.125 → « 12,5 % » (espaces/common/numbers.py)."""
    from espaces.common.numbers import fr_percent

    return fr_percent(value)


def school_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """Classes met (interventions), distinct schools and pupils, from the events app."""
    from espaces.events.selectors import school_stats

    stats = school_stats(
        territory=territory,
        date_from=filters.date_from,
        date_to=filters.date_to,
        site=filters.site,
    )
    kinds = dict(SchoolKind.choices)
    table = Table(
        "etablissements-scolaires",
        gettext("Interventions par établissement scolaire"),
        [
            gettext("Établissement"),
            gettext("UAI"),
            gettext("Type"),
            gettext("Interventions"),
            gettext("Élèves"),
        ],
        [
            [s["name"], s["uai"], kinds.get(s["kind"], s["kind"]), s["interventions"], s["pupils"]]
            for s in stats.by_school
        ],
        gettext(
            "Classes rencontrées lors des séances tenues (une réservation de groupe d'un "
            "établissement = une intervention)."
        ),
    )
    levels = dict(ClassLevel.choices)
    return {
        "interventions": stats.interventions,
        "schools": stats.schools,
        "pupils": stats.pupils,
        "levels": [
            (
                levels.get(level, level or gettext("non précisé")),
                row["interventions"],
                row["pupils"],
            )
            for level, row in stats.by_level.items()
        ],
        "table": table,
    }


# --- orientation -----------------------------------------------------------------------------
def _completions(territory: Territory, filters: StatsFilter):
    completions = OrientationCompletion.objects.filter(
        territory=territory, date__gte=filters.date_from, date__lte=filters.date_to
    )
    if filters.site is not None:
        completions = completions.filter(site=filters.site)
    return completions.order_by()


def _json_list_counts(queryset, field_name: str, limit: int = 10) -> list[tuple[str, int]]:
    """Counts of the values of a JSON list column over the rows of `queryset`, in one GROUP BY
    (json_each on SQLite, jsonb_array_elements_text on PostgreSQL)."""
    model = queryset.model
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    pk = connection.ops.quote_name(model._meta.pk.column)
    ids_sql, params = queryset.values("pk").query.sql_with_params()
    if connection.vendor == "postgresql":
        source = f"CROSS JOIN LATERAL jsonb_array_elements_text(c.{column}) AS j(value)"
    else:
        source = f", json_each(c.{column}) AS j"
    sql = (
        f"SELECT j.value, COUNT(*) FROM {table} c {source} "
        f"WHERE c.{pk} IN ({ids_sql}) GROUP BY j.value ORDER BY COUNT(*) DESC, j.value "
        f"LIMIT {int(limit)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(str(value), count) for value, count in cursor.fetchall()]


def orientation_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """Questionnaires completed (anonymous counts), by place, and the jobs and sectors that came
    out on top."""
    from espaces.catalogue.models import Metier
    from espaces.territories.models import Sector

    completions = _completions(territory, filters)
    places = list(
        completions.values("site__slug", "site__name").annotate(n=Count("pk")).order_by("-n")
    )
    total = sum(r["n"] for r in places)
    metiers = _json_list_counts(completions, "top_metiers")
    sectors = _json_list_counts(completions, "top_sectors")
    metier_titles = dict(
        Metier.objects.filter(territory=territory, slug__in=[s for s, _ in metiers]).values_list(
            "slug", "title"
        )
    )
    sector_names = dict(
        Sector.objects.filter(territory=territory, slug__in=[s for s, _ in sectors]).values_list(
            "slug", "name"
        )
    )
    return {
        "completions": total,
        "series": [
            Series(
                "questionnaires-par-lieu",
                gettext("Questionnaires « Trouver des métiers qui me ressemblent » remplis"),
                gettext("Questionnaires remplis, par Espace ou en ligne (comptage anonyme)."),
                [
                    (r["site__slug"] or "en-ligne", r["site__name"] or gettext("En ligne"), r["n"])
                    for r in places
                ],
                column=gettext("Questionnaires"),
            ),
            Series(
                "metiers-explores",
                gettext("Métiers les plus proposés par le questionnaire"),
                gettext(
                    "Nombre de questionnaires où le métier figurait parmi les 3 premiers résultats."
                ),
                [(slug, metier_titles.get(slug, slug), n) for slug, n in metiers],
                column=gettext("Questionnaires"),
            ),
            Series(
                "secteurs-explores",
                gettext("Secteurs les plus proposés par le questionnaire"),
                gettext(
                    "Nombre de questionnaires où le secteur figurait parmi ceux des 3 premiers métiers."
                ),
                [(slug, sector_names.get(slug, slug), n) for slug, n in sectors],
                column=gettext("Questionnaires"),
            ),
        ],
    }


def industrial_metier_slugs(*, territory: Territory) -> list[str]:
    from espaces.catalogue.models import Metier

    return list(
        Metier.objects.filter(territory=territory, sectors__slug__in=conf.industrial_sectors())
        .values_list("slug", flat=True)
        .distinct()
        .order_by("slug")
    )


class TopResultsInclude(Func):
    """True when one of the first three items of a JSON list of results has its `slug` among
    `slugs` (json_each on SQLite, jsonb_array_elements on PostgreSQL)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, expression, slugs):
        super().__init__(expression)
        self.slugs = list(slugs)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        marks = ", ".join(["%s"] * len(self.slugs))
        if connection.vendor == "postgresql":
            sql = (
                f"EXISTS (SELECT 1 FROM jsonb_array_elements({column}) WITH ORDINALITY "
                f"AS r(v, i) WHERE r.i <= 3 AND r.v->>'slug' IN ({marks}))"
            )
        else:
            sql = (
                f"EXISTS (SELECT 1 FROM json_each({column}) AS r "
                f"WHERE r.key < 3 AND json_extract(r.value, '$.slug') IN ({marks}))"
            )
        return sql, (*params, *self.slugs)


def _results_with_industrial_job(territory: Territory, slugs: list[str]):
    """Orientation results whose first three proposed jobs include one of `slugs`."""
    results = OrientationResult.objects.filter(territory=territory)
    if not slugs:
        return results.none()
    return results.filter(TopResultsInclude(F("results"), slugs))


def gender_bias_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """Among the identified people (follow-up files) who explored an industrial job in the
    period — an orientation result attached to their file with an industrial job in its first
    three, or presence at a session that showcased one — how many are women (docs/indicators.md).
    Gender is never asked by the questionnaire: it comes from the follow-up file."""
    slugs = industrial_metier_slugs(territory=territory)
    codes = _results_with_industrial_job(territory, slugs).values("code")
    by_result = (
        JournalEntry.objects.filter(
            beneficiary__territory=territory,
            kind=JournalKind.ORIENTATION,
            occurred_on__gte=filters.date_from,
            occurred_on__lte=filters.date_to,
        )
        .annotate(code=Replace(Upper("reference"), Value("-"), Value("")))
        .filter(code__in=codes)
        .values("beneficiary_id")
    )
    by_session = Registration.objects.filter(
        session__in=held_sessions(territory, filters).filter(metiers__slug__in=slugs or [""]),
        status=RegistrationStatus.CONFIRMED,
        attendance=AttendanceStatus.PRESENT,
        beneficiaries__isnull=False,
    ).values("beneficiaries")
    people = Beneficiary.objects.filter(territory=territory).filter(
        Q(pk__in=by_result) | Q(pk__in=by_session)
    )
    if filters.site is not None:
        people = people.filter(site=filters.site)
    counts = dict.fromkeys(Gender.values, 0)
    counts.update(
        {r["gender"]: r["n"] for r in people.values("gender").annotate(n=Count("pk")).order_by()}
    )
    known = counts[Gender.FEMME] + counts[Gender.HOMME] + counts[Gender.AUTRE]
    return {
        "by_gender": counts,
        "people": sum(counts.values()),
        "known": known,
        "women_share": rate(counts[Gender.FEMME], known),
        "industrial_metiers": len(slugs),
        "series": Series(
            "exploration-metiers-industriels-par-genre",
            gettext("Personnes suivies ayant exploré un métier industriel, par genre"),
            gettext(
                "Personnes ayant un dossier de suivi qui, dans la période, ont eu un résultat "
                "d'orientation proposant un métier industriel parmi les 3 premiers ou ont assisté à "
                "une séance présentant un tel métier."
            ),
            [(g.value, g.label, counts[g.value]) for g in Gender],
        ),
    }


# --- referrals and outcomes ------------------------------------------------------------------
def referral_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """Referrals sent in the period, by current state, and the funnel sent → received →
    accepted → started a training, a job or an immersion."""
    start, end = _aware_bounds(filters)
    referrals = Referral.objects.filter(
        territory=territory, created_at__gte=start, created_at__lt=end
    )
    if filters.site is not None:
        referrals = referrals.filter(beneficiary__site=filters.site)
    by_status = dict.fromkeys(ReferralStatus.values, 0)
    by_status.update(
        {r["status"]: r["n"] for r in referrals.values("status").annotate(n=Count("pk")).order_by()}
    )
    sent = sum(by_status.values())
    received = sent - by_status[ReferralStatus.ENVOYEE]
    accepted = sum(by_status[s] for s in ACCEPTED_REFERRALS)
    positive = sum(by_status[s] for s in POSITIVE_REFERRALS)
    funnel = Series(
        "entonnoir-orientations",
        gettext("Orientations vers les partenaires : de l'envoi au résultat"),
        gettext("Orientations envoyées dans la période, selon l'étape atteinte à ce jour."),
        [
            ("envoyees", gettext("Envoyées"), sent),
            ("recues", gettext("Reçues par le partenaire"), received),
            ("acceptees", gettext("Acceptées"), accepted),
            ("abouties", gettext("Entrée en formation, en emploi ou en immersion"), positive),
        ],
        column=gettext("Orientations"),
    )
    states = Series(
        "orientations-par-etat",
        gettext("Orientations par état"),
        gettext("État actuel des orientations envoyées dans la période."),
        [(s.value, s.label, by_status[s.value]) for s in ReferralStatus],
        column=gettext("Orientations"),
    )
    return {
        "by_status": by_status,
        "sent": sent,
        "accepted": accepted,
        "positive": positive,
        "series": [funnel, states],
    }


def outcome_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """Situation at exit of the files closed in the period, and at six months of the follow-ups
    done in the period."""
    exits = Beneficiary.objects.filter(
        territory=territory, exited_on__gte=filters.date_from, exited_on__lte=filters.date_to
    )
    follow_ups = FollowUp.objects.filter(
        territory=territory, due_on__gte=filters.date_from, due_on__lte=filters.date_to
    )
    if filters.site is not None:
        exits = exits.filter(site=filters.site)
        follow_ups = follow_ups.filter(beneficiary__site=filters.site)
    at_exit = dict.fromkeys(ExitOutcome.values, 0)
    at_exit.update(
        {
            r["exit_outcome"]: r["n"]
            for r in exits.values("exit_outcome").annotate(n=Count("pk")).order_by()
        }
    )
    six = follow_ups.aggregate(
        due=Count("pk"),
        pending=Count("pk", filter=Q(done_on__isnull=True)),
        **{f"o_{o}": Count("pk", filter=Q(outcome=o)) for o in FollowUpOutcome.values},
    )
    at_six = {o: six[f"o_{o}"] for o in FollowUpOutcome.values}
    return {
        "exits": sum(at_exit.values()),
        "at_exit": at_exit,
        "follow_ups_due": six["due"],
        "follow_ups_pending": six["pending"],
        "at_six_months": at_six,
        "series": [
            Series(
                "situation-a-la-sortie",
                gettext("Situation à la sortie de l'accompagnement"),
                gettext(
                    "Personnes sorties de l'accompagnement dans la période, selon leur situation."
                ),
                [(o.value, o.label, at_exit[o.value]) for o in ExitOutcome],
            ),
            Series(
                "situation-a-6-mois",
                gettext("Situation six mois après la sortie"),
                gettext(
                    "Suivis à six mois prévus dans la période et faits ; les suivis pas encore faits "
                    "sont comptés à part."
                ),
                [(o.value, o.label, at_six[o.value]) for o in FollowUpOutcome]
                + [("a_faire", gettext("Suivi pas encore fait"), six["pending"])],
            ),
        ],
    }


# --- the summary of the API, the network and the reception figures page ----------------------
def summary_figures(*, territory: Territory, filters: StatsFilter) -> dict:
    """The counts of `GET /api/v1/stats/summary` (and of /reseau/ and the reception figures
    page), read through the same selectors as the dashboard: `visitors` are people of the public
    (a group of N counts N), `professionnel_accompagnement` apart as `professionals`; every
    breakdown covers the visitors of the public."""
    from espaces.reception.models import Visit

    visits = visit_figures(territory=territory, filters=filters)
    by_slug = {s.slug: s for s in visits["series"]}
    entries = Visit.objects.filter(
        territory=territory, date__gte=filters.date_from, date__lte=filters.date_to
    )
    if filters.site is not None:
        entries = entries.filter(site=filters.site)
    counted = entries.order_by().aggregate(
        entries=Count("pk"), group_entries=Count("pk", filter=Q(group_size__gt=1))
    )
    events = event_figures(territory=territory, filters=replace(filters, public=""))
    schools = school_figures(territory=territory, filters=filters)
    by_site = by_slug["visiteurs-par-espace"].as_dict() if "visiteurs-par-espace" in by_slug else {}
    if filters.site is not None:
        by_site = {filters.site.slug: visits["visitors"]} if visits["visitors"] else {}
    return {
        "visitors": visits["visitors"],
        "by_public_category": visits["by_public_category"],
        "professionals": visits["professionals"],
        "by_gender": visits["by_gender"],
        "by_age_band": visits["by_age_band"],
        "qpv": visits["qpv"],
        "by_purpose": {k: v for k, v in by_slug["visiteurs-par-motif"].as_dict().items() if v},
        "by_channel": {k: v for k, v in by_slug["visiteurs-par-canal"].as_dict().items() if v},
        "by_site": {k: v for k, v in by_site.items() if v},
        "entries": counted["entries"],
        "group_entries": counted["group_entries"],
        "sessions": events["total"]["sessions"],
        "school_interventions": schools["interventions"],
        "schools": schools["schools"],
        "pupils": schools["pupils"],
    }


def history_start(*, territory: Territory) -> dt.date:
    """The first day with figures: the opening of the first Espace or the first visit."""
    from django.db.models import Min

    from espaces.reception.models import Visit

    days = [
        Site.objects.filter(territory=territory).aggregate(d=Min("opened_on"))["d"],
        Visit.objects.filter(territory=territory).aggregate(d=Min("date"))["d"],
    ]
    days = [d for d in days if d]
    return min(days) if days else timezone.localdate()

"""Settings of the statistics (docs/stats.md), read from Django settings with defaults."""

from django.conf import settings

# Sectors whose jobs count as « industrial » for the gender-bias indicator (docs/indicators.md):
# factories and plants, not logistics, building or quality jobs. Slugs of the pack's sectors.yaml.
DEFAULT_INDUSTRIAL_SECTORS = (
    "batteries",
    "nucleaire",
    "siderurgie-metallurgie",
    "hydrogene",
    "chimie",
    "maintenance-industrielle",
    "production-industrielle",
    "recyclage",
    "agroalimentaire",
)


def small_count_k() -> int:
    """The disclosure threshold (ESPACES_DISCLOSURE_K; espaces/stats/disclosure.py)."""
    from .disclosure import k

    return k()


def industrial_sectors() -> tuple[str, ...]:
    return tuple(getattr(settings, "ESPACES_INDUSTRIAL_SECTORS", DEFAULT_INDUSTRIAL_SECTORS))

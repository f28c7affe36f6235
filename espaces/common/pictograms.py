"""The pictograms of the site (docs/design.md): one SVG file per drawing under
static/espaces/pictos/ (24×24, strokes in currentColor), and here, in one place, which drawing
stands for which slug — sectors, needs and data·inclusion categories, event types, kiosk tiles.

`{% picto slug %}` (espaces/common/templatetags/pictos.py) inlines the drawing so that it takes
the colour of the text around it."""

import functools
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

PICTO_DIR = "espaces/pictos"

# slug → drawing (file name without .svg). Slugs of different kinds never collide: a sector,
# a need, a category and an event type each have their own words.
PICTOS: dict[str, str] = {
    # Sectors (sectors.yaml of the packs)
    "batteries": "batterie",
    "nucleaire": "atome",
    "siderurgie-metallurgie": "poutrelle",
    "hydrogene": "hydrogene",
    "chimie": "fiole",
    "logistique-port": "ancre",
    "btp-genie-civil": "casque",
    "maintenance-industrielle": "cle",
    "energie-batiment": "maison-eclair",
    "recyclage": "recyclage",
    "qse": "bouclier",
    "agroalimentaire": "epi",
    "production-industrielle": "usine",
    "sante-social": "coeur",
    "enfance-education": "enfant",
    "proprete-services": "seau",
    "commerce": "sac",
    "restauration": "couverts",
    "transport-livraison": "camion",
    "numerique-bureau": "ordinateur",
    "securite-service-public": "batiment-public",
    "renovation-batiment": "rouleau",
    "agriculture-nature": "feuille",
    "culture-communication": "porte-voix",
    "automobile": "voiture",
    "logistique": "carton",
    # Needs of the « Lever les freins » page (espaces.services.enums.Need)
    "me-deplacer": "bus",
    "faire-garder-mes-enfants": "famille",
    "me-loger": "maison",
    "me-former": "toque",
    "ma-sante": "coeur",
    "le-numerique": "ordinateur",
    "lire-ecrire-compter": "livre",
    "argent-et-demarches": "euro",
    "trouver-un-emploi": "mallette",
    # data·inclusion v1 categories (the first part of a service's thématiques)
    "choisir-un-metier": "boussole",
    "creer-une-entreprise": "mallette",
    "difficultes-administratives-ou-juridiques": "euro",
    "difficultes-financieres": "euro",
    "equipement-et-alimentation": "sac",
    "famille": "famille",
    "lecture-ecriture-calcul": "livre",
    "logement-hebergement": "maison",
    "mobilite": "bus",
    "numerique": "ordinateur",
    "preparer-sa-candidature": "mallette",
    "remobilisation": "recommencer",
    "sante": "coeur",
    "se-former": "toque",
    "souvrir-a-linternational": "globe",
    # Event types (event_types.yaml of the packs)
    "atelier-decouverte-metiers": "loupe",
    "atelier-lever-les-freins": "cadenas-ouvert",
    "immersion-realite-virtuelle": "casque-vr",
    "fresque-transition": "globe",
    "jeu-metiers": "de",
    "rencontre-entreprise": "rencontre",
    "visite-entreprise": "usine",
    "intervention-scolaire": "tableau",
    "permanence-partenaire": "bulle",
    "forum-emploi": "stand",
    "atelier-metiers": "loupe",
    "casque-vr": "casque-vr",
    "intervention-lycee": "tableau",
    "visite-usine": "usine",
    # Kiosk tiles and the site's own entries
    "metiers": "mallette",
    "orientation": "boussole",
    "lever-les-freins": "cadenas-ouvert",
    "agenda": "calendrier",
    "nous-trouver": "repere",
    "et-si-je-travaillais": "calculette",
    "recommencer": "recommencer",
    "imprimer": "imprimante",
    # Notices
    "info": "info",
    "attention": "attention",
    "valide": "valide",
}

# What a slug that nobody drew yet gets (a pack may add a sector or an event type).
FALLBACKS: dict[str, str] = {
    "sector": "usine",
    "need": "cadenas-ouvert",
    "event": "calendrier",
    "": "info",
}

_SVG_OPEN = re.compile(r"^<svg\b[^>]*>")


def drawing_for(slug: str, kind: str = "") -> str:
    return PICTOS.get(slug) or PICTOS.get(slug.split("--", 1)[0]) or FALLBACKS.get(kind, "info")


@functools.cache
def _body(drawing: str) -> str:
    path = finders.find(f"{PICTO_DIR}/{drawing}.svg")
    if path is None:
        raise FileNotFoundError(f"pictogramme absent : static/{PICTO_DIR}/{drawing}.svg")
    with open(path, encoding="utf-8") as svg:
        return _SVG_OPEN.sub("", svg.read().strip()).removesuffix("</svg>")


def picto_svg(slug: str, *, kind: str = "", label: str = "", css_class: str = "") -> str:
    """The inline <svg> of `slug`: decorative (aria-hidden) unless a label is given."""
    drawing = drawing_for(slug, kind)
    body = _body(drawing) if not settings.DEBUG else _body.__wrapped__(drawing)
    classes = " ".join(filter(None, ["picto", f"picto-{drawing}", css_class]))
    if label:
        from django.utils.html import escape

        aria = f'role="img" aria-label="{escape(label)}"'
    else:
        aria = 'aria-hidden="true"'
    return mark_safe(
        f'<svg class="{classes}" viewBox="0 0 24 24" width="24" height="24" fill="none" '
        f'stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        f'stroke-linejoin="round" focusable="false" {aria}>{body}</svg>'
    )

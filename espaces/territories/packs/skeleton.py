"""The commented skeleton of a new territory's pack (`espaces new_territory SLUG`).

Every kind of file is written, each field explained in a comment. Lists start empty with a
commented example record (a file holding only comments is skipped by the loader), so that the
folder loads as soon as the three required fields of territory.yaml are filled. The generic
parts that every territory can keep as they are (event types, visit options, questionnaire)
are written ready to use.
"""

from pathlib import Path

HEADER = """\
# Pack du territoire « {slug} » — squelette écrit par `espaces new_territory {slug}`.
# Format complet : docs/packs.md ; marche à suivre : docs/replicate.md.
# Règle d'or : un fait montré au public (chiffre, date, adresse, salaire) a sa source dans
# sources.yaml ; ce qui n'est pas sourcé reste vide (la page publique n'en dit rien). Les
# remarques de recherche (« date non visible », « à confirmer ») vont dans `editor_note`, un champ
# réservé à l'équipe, jamais affiché au public.
"""

TERRITORY = """\
# territory.yaml — le territoire (un seul ensemble de champs). SEUL FICHIER OBLIGATOIRE.
# Remplissez `name` et `short_name` : le pack se charge alors tel quel.

# Identifiant stable (minuscules, chiffres, tirets) ; aussi la valeur de ESPACES_TERRITORY.
slug: {slug}

# Nom officiel, par exemple « Communauté d'agglomération du Douaisis ». OBLIGATOIRE.
name:

# Nom court, affiché dans l'en-tête du site, par exemple « Douaisis ». OBLIGATOIRE.
short_name:

# Noms d'hôte servis pour ce territoire (facultatif), par exemple [emplois.douaisis.fr].
# On peut aussi les donner au déploiement : ESPACES_TERRITORY_HOSTS="{slug}=hote1,hote2".
hosts: []

# Âge maximal des faits, en mois (facultatif, 6 par défaut) : un fait vérifié il y a plus
# longtemps apparaît dans la liste « à relire » et dans `espaces check_pack`.
# facts_max_age_months: 6

# Un court paragraphe en langage simple pour la page d'accueil (facultatif).
description: ""

# Identité visuelle (facultative, docs/packs.md) : couleurs #rrggbb sur lesquelles un texte
# blanc atteint 4,5:1 (sinon le chargeur refuse), et le logo (fichier dans le dossier du pack,
# avec son texte alternatif). N'inventez rien : sans fichier officiel, laissez vide.
# identity:
#   colours: {brand: "#004c97", brand_dark: "#00336a", accent: "#b34700"}
#   logo: {file: identite/logo.svg, alt: "Nom de la collectivité"}

# Les communes du territoire : code INSEE (5 caractères, entre guillemets) et nom.
# Source : le Code officiel géographique de l'Insee. `note` est facultative.
communes: []
#  - insee: "59178"
#    name: "Douai"
#    note: ""

# Le chiffre clé de la page d'accueil (facultatif). Chaque chiffre a sa source (slug de
# sources.yaml) et sa date (`as_of` : 2024-10-24, 2024-10 ou 2024).
# headline:
#   value: 3000                     # nombre entier
#   label: emplois annoncés          # ce que compte le chiffre
#   text: >-                         # une ou deux phrases : de quoi il est fait, que c'est une annonce
#     Somme des emplois directs annoncés par les projets du territoire.
#   sources: [slug-d-une-source]
#   components:                      # les chiffres qui composent le chiffre clé
#     - {value: 2000, label: emplois directs d'ici 2030, source: slug-d-une-source, as_of: 2023-05}
#   other_figures: []                # les autres chiffres en circulation, datés et sourcés
"""

SOURCES = """\
# sources.yaml — les sources de tous les faits du pack (liste). Les autres fichiers y renvoient
# par leur `slug` (champs `source` et `sources`).
#
# - slug: presse-exemple-2024          # identifiant stable (minuscules, chiffres, tirets)
#   title: "Titre exact de l'article ou de la page"
#   publisher: "Journal, entreprise ou institution"
#   url: https://…                     # facultatif
#   published_on: 2024-05-02           # date de publication (2024-05 ou 2024 si c'est tout ce qu'on sait)
#   accessed_on: 2024-06-01            # date de consultation (facultatif)
#   note: ""                           # facultatif : ce que la source dit
#   verified_on: 2024-06-01            # jour où la référence a été vérifiée (facultatif)
#   editor_note: ""                    # réservé à l'équipe : ce qui reste à confirmer
"""

SECTORS = """\
# sectors.yaml — les secteurs qui regroupent projets et métiers (liste).
#
# - slug: batteries                    # identifiant stable
#   name: Batteries et véhicule électrique
#   description: ""                    # facultatif
#   order: 1                           # ordre d'affichage (facultatif)
"""

SITES = """\
# sites.yaml — les Espaces : les lieux d'accueil du public (liste), chacun avec sa page
# « Nous trouver ». Ne remplissez que ce qu'une source publique donne ; un champ vide n'est pas
# affiché (une adresse inconnue : « adresse communiquée prochainement », sur sa page seulement).
#
# - slug: centre                       # identifiant stable (aussi utilisé dans les tableurs de visites)
#   name: "Espace 20 000 emplois du centre"
#   address: ""                        # vide tant qu'elle n'est pas confirmée
#   postcode: ""                       # cinq chiffres
#   commune: "59178"                   # code INSEE d'une commune de territory.yaml
#   hours:                             # horaires de la semaine ; un jour absent est fermé
#     lundi: ["09:00-12:30", "13:30-17:00"]
#   hours_exceptions:                  # fermetures et horaires exceptionnels datés
#     - {date: 2026-12-24, until: 2027-01-02, label: Fermeture de fin d'année}
#   opening_hours: ""                  # une phrase publique (« sans rendez-vous »)
#   phone: ""
#   email: ""
#   transport_access: ""
#   bus_stops:                         # arrêts les plus proches
#     - {name: Gare, lines: ["C1"], walk_minutes: 2}
#   latitude: 51.03                    # avec longitude : lien vers openstreetmap.org
#   longitude: 2.37
#   plan_image: ""                     # image statique facultative (+ plan_image_alt)
#   opened_on: 2025-09                 # date d'ouverture (jour, mois ou année)
#   in_qpv: false                      # en quartier prioritaire de la politique de la ville
#   qpv_name: ""
#   accessibility: ""
#   description: >-
#     Deux ou trois phrases simples : qui vous accueille et pour quoi faire.
#   sources: [slug-d-une-source]
#   verified_on: 2026-01-15            # date de la dernière vérification
#   editor_note: ""                    # pour l'équipe seulement, jamais publié
"""

PARTNERS = """\
# partners.yaml — les organisations partenaires (liste).
#
# - slug: france-travail
#   name: France Travail
#   kind: employment       # employer, training, employment, transport, housing, childcare,
#                          # social, institution, funder, other
#   website: https://…     # facultatif
#   description: ""        # facultatif
#   contact_email: ""      # facultatif : reçoit les demandes de relecture de ses fiches services
"""

PROJECTS = """\
# projects.yaml — les projets de transformation (usines, chantiers) et leurs emplois annoncés.
# Ce sont des annonces : chaque chiffre garde sa date et sa source ; plusieurs annonces du même
# type coexistent et la plus récente est mise en avant.
#
# - slug: usine-exemple
#   name: Usine de batteries
#   company: Entreprise
#   location: "Zone industrielle, commune"     # tel que les sources le disent
#   communes: ["59178"]                        # codes INSEE du territoire
#   sector: batteries                          # slug de sectors.yaml
#   status: en_construction                    # annonce, en_preparation, en_construction,
#                                              # en_production, suspendu, en_pause,
#                                              # abandonne
#   status_note: ""                            # par exemple « environ un an de retard »
#   status_as_of: 2025-01                      # quand le statut a été confirmé
#   summary: ""                                # une ou deux phrases simples
#   horizon: "2030"
#   figures:                                   # chiffres annoncés, chacun daté et sourcé
#     - {kind: direct_jobs, value: 1000, as_of: 2024-05, source: slug-d-une-source}
#     # kind : direct_jobs, indirect_jobs, construction_peak_jobs, operation_jobs,
#     #        jobs_recruited, investment_eur ; value_max pour une fourchette ;
#     #        date inconnue : pas de chiffre public, notez-le dans editor_note
#   key_dates:
#     - {date: 2023-11, label: Première pierre, source: slug-d-une-source}
#   jobs_description: ""                       # les métiers recherchés, tels qu'annoncés
#   partner: ""                                # slug de partners.yaml (facultatif)
#   sources: [slug-d-une-source]
#   verified_on: 2025-01-15                    # jour où statut et chiffres ont été vérifiés
#   editor_note: ""                            # réservé à l'équipe, jamais public
"""

CENTRES = """\
# centres_interet.yaml — les 30 centres d'intérêt du ROME 4.0 (France Travail).
# NE PAS ÉCRIRE À LA MAIN : une fois metiers.yaml rempli, lancez
#   espaces pack_rome_subset data/packs/{slug} --rome-dir CHEMIN/rome4_v460
# qui écrit ce fichier et rome.yaml depuis les fichiers officiels du ROME.
"""

ROME = """\
# rome.yaml — les codes ROME 4.0 utilisés par les métiers du pack (France Travail).
# NE PAS ÉCRIRE À LA MAIN : lancez `espaces pack_rome_subset` (voir centres_interet.yaml),
# et relancez-le chaque fois que les codes ROME des métiers changent.
"""

METIERS = """\
# metiers.yaml — les fiches métiers (liste ; un long catalogue peut être coupé en
# metiers-1.yaml, metiers-2.yaml…). Textes écrits par l'équipe en langage simple, jamais copiés
# du ROME. Un même métier qu'un autre territoire : reprenez sa fiche et adaptez projets,
# employeurs, formations et salaires au territoire.
#
# - slug: soudeur
#   title: Soudeur / Soudeuse                  # intitulé inclusif, 3 à 200 caractères
#   rome_codes: [H2913]                        # au moins un ; puis lancez pack_rome_subset
#   sectors: [batteries]                       # slugs de sectors.yaml
#   summary: >-                                # 80 mots au moins, phrases courtes
#     Vous assemblez des pièces de métal…
#   day_tasks:                                 # 3 à 6 phrases : « Une journée de travail »
#     - Vous lisez le plan de la pièce.
#     - Vous préparez le métal.
#     - Vous soudez et contrôlez votre travail.
#   likes: []                                  # ce qui plaît
#   hard: []                                   # ce qui est difficile
#   conditions: [chaleur, bruit]               # travail_poste, nuit, weekend, exterieur,
#                                              # port_charges, hauteur, zone_nucleaire,
#                                              # salle_blanche, deplacements, bruit, chaleur, permis
#   entry_level: cap_bep                       # sans_diplome, cap_bep, bac, bac_2, bac_3, bac_5
#   open_without_diploma: true                 # une formation courte financée l'ouvre sans diplôme
#   short_training_months: 7                   # durée de cette formation (1 à 48 mois)
#   trainings:
#     - title: Titre professionnel soudeur
#       body: à vérifier                       # l'organisme, « à vérifier » s'il n'est pas sourcé
#       duration: environ 7 mois
#       level: cap_bep
#       funding: [france_travail, region]      # cpf, transitions_pro, france_travail, region,
#                                              # opco, employeur, apprentissage
#   salary:                                    # VIDE sauf source : {min, max, period: mois|an|heure,
#                                              # basis: brut|net, source, as_of}
#   projects:
#     - {project: usine-exemple, note: ""}     # slugs de projects.yaml qui recrutent ce métier
#   employers: []                              # slugs de partners.yaml
#   keywords: [soudure, TIG, MIG]              # mots que les gens tapent
#   role_models:                               # portraits ; illustrative: true sauf personne réelle
#     - {name: "Inès, 26 ans", text: "…", illustrative: true}   # consentante
#   reviewed_on: 2025-01-15                    # dernière relecture de la fiche
#   translations:                              # facultatif : les textes en anglais
#     en: {title: Welder, summary: "You join…"}   # (docs/content.md « Translations »)
"""

STRUCTURES = """\
# structures.yaml — les structures qui rendent les services (noms de champs data·inclusion v1).
# Adresse, téléphone, courriel, horaires : seulement s'ils sont sourcés, sinon absents.
#
# - slug: france-travail-douai
#   nom: France Travail Douai                  # 3 à 150 caractères, sans point final
#   description: ""
#   commune: Douai                             # ou seulement code_insee (le nom est déduit)
#   code_insee: "59178"                        # une commune de territory.yaml, sinon vide
#   code_postal: ""
#   adresse: ""
#   complement_adresse: ""
#   telephone: ""
#   courriel: ""
#   site_web: https://…
#   horaires_accueil: ""
#   accessibilite_lieu: ""                     # lien vers la page Acceslibre du lieu
#   siret: ""
#   partner: ""                                # slug de partners.yaml : relit les fiches
#   sources: [slug-d-une-source]
"""

SERVICES = """\
# services.yaml — les services pour lever les freins : mobilité, garde d'enfants, logement…
# (noms et valeurs data·inclusion v1 ; docs/packs.md donne toutes les valeurs permises).
#
# - slug: bus-reseau-urbain
#   structure: reseau-de-bus                   # slug de structures.yaml
#   nom: Le réseau de bus de l'agglomération   # 3 à 150 caractères, sans point final
#   description: >-                            # langage simple, 200 à 2000 caractères
#     …
#   type: aide-materielle                      # accompagnement, aide-financiere, aide-materielle,
#                                              # atelier, formation, information
#   thematiques: [mobilite--mobilite-douce-partagee-collective]   # au moins une
#   publics: [tous-publics]                    # tous-publics seul, ou les publics visés
#   publics_precisions: ""
#   conditions_acces: ""
#   frais: gratuit                             # gratuit, payant
#   frais_precisions: ""
#   modes_accueil: [en-presentiel]             # en-presentiel, a-distance
#   modes_mobilisation: [se-presenter]
#   mobilisable_par: [usagers, professionnels]
#   mobilisation_precisions: ""
#   lien_mobilisation: ""
#   zone_eligibilite: ["59"]                   # communes, département, EPCI (SIREN) ou france
#   commune: ""
#   code_insee: ""
#   tags: []                                   # horaires-atypiques, nuit, permis, garde-atypique,
#                                              # zone-industrielle
#   sources: [slug-d-une-source]
#   last_verified_on:                          # jour où les faits ont vraiment été vérifiés
#   review_every_months: 12
"""

EVENT_TYPES = """\
# event_types.yaml — les types d'événements de l'agenda (liste). Les places, la durée et la
# liste d'attente ne sont que des valeurs proposées quand l'équipe crée une séance.
# `kind` : atelier, immersion_vr, fresque, jeu, rencontre_entreprise, visite_entreprise,
# intervention_scolaire, permanence_partenaire, forum (les statistiques regroupent par kind).
# Les types ci-dessous sont génériques : gardez, modifiez ou supprimez-les.

- slug: atelier-decouverte-metiers
  name: Atelier découverte des métiers
  kind: atelier
  description: >-
    En petit groupe, avec un médiateur ou une médiatrice : quels métiers arrivent sur le
    territoire, ce qu'on y fait au quotidien, et comment y entrer, avec ou sans diplôme.
  default_capacity: 12
  default_duration_minutes: 120
  waitlist_enabled: true

- slug: atelier-lever-les-freins
  name: Atelier lever les freins
  kind: atelier
  description: >-
    Transport, garde d'enfants, permis, logement : on fait le point ensemble sur ce qui vous
    bloque et sur les aides qui existent près de chez vous.
  default_capacity: 10
  default_duration_minutes: 120
  waitlist_enabled: true

- slug: rencontre-entreprise
  name: Rencontre avec une entreprise
  kind: rencontre_entreprise
  description: >-
    Une entreprise du territoire présente ses métiers, ses besoins et ses façons de recruter,
    et répond à vos questions.
  default_capacity: 20
  default_duration_minutes: 90
  waitlist_enabled: true

- slug: intervention-scolaire
  name: Intervention en classe
  kind: intervention_scolaire
  description: >-
    L'équipe vient présenter aux élèves les métiers qui recrutent sur le territoire.
  default_capacity: 35
  default_duration_minutes: 110
  waitlist_enabled: false
"""

SCHOOLS = """\
# schools.yaml — les établissements scolaires (liste ; un fichier schools.csv avec les colonnes
# uai,name,commune,kind convient aussi). Pas de slug : le code UAI est l'identifiant.
# Source : l'annuaire de l'Éducation nationale.
#
# - uai: "0590000A"                  # 7 chiffres et une lettre majuscule
#   name: Lycée professionnel …      # en casse ordinaire, pas en capitales
#   commune: "59178"                 # code INSEE d'une commune de territory.yaml (facultatif)
#   kind: lycee                      # lycee, college, other
"""

VISIT_OPTIONS = """\
# visit_options.yaml — les boutons de l'accueil : comment la personne a connu l'Espace
# (channels) et pourquoi elle vient (purposes). L'ordre est celui des boutons.
# Les identifiants (slug) restent stables : tableurs et statistiques s'y réfèrent ; changez
# librement les libellés. `sites: [slug]` limite une option à certains Espaces.

channels:
  - {slug: spontane, label: "Venue spontanée"}
  - {slug: orientation-partenaire, label: "Orientée par un partenaire"}
  - {slug: evenement, label: "À la suite d'un événement"}
  - {slug: bouche-a-oreille, label: "Bouche-à-oreille"}
  - {slug: reseaux-sociaux, label: "Réseaux sociaux"}
  - {slug: ecole, label: "Par son école"}
  - {slug: autre, label: "Autre"}
purposes:
  - {slug: information-metiers, label: "S'informer sur les métiers"}
  - {slug: orientation, label: "Orientation"}
  - {slug: atelier, label: "Atelier"}
  - {slug: rencontre-entreprise, label: "Rencontre avec une entreprise"}
  - {slug: aide-cv, label: "Aide au CV"}
  - {slug: autre, label: "Autre"}
"""

QUESTIONNAIRE_INTRO = """\
# questionnaire.yaml — le questionnaire « Trouver des métiers qui me ressemblent »
# (docs/packs.md § questionnaire, docs/orientation.md). Champs : version (changez-la à chaque
# modification), title, intro, riasec (les 6 lettres), scales (échelles), questions (id, text,
# kind: scale|choice|multi|text, dimension). Jamais demandés : genre, âge, nationalité, adresse.
"""

QUESTIONNAIRE_FALLBACK = """\
# Recopiez ici le questionnaire de data/packs/dunkerque/questionnaire.yaml (phrases écrites
# par l'équipe, valables partout) ou écrivez le vôtre ; sans ce fichier, la page d'orientation
# du territoire reste fermée.
"""

BUDGET = """\
# budget.yaml — le budget du programme et ses financements (liste, facultatif).
#
# - slug: programme-2025-2027
#   name: Budget du programme
#   period_start: 2025-01-01
#   period_end: 2027-12-31
#   announced_total: 1500000           # montant annoncé (€), facultatif
#   source: slug-d-une-source
#   note: ""
#   expenses:                          # dépenses : {label, amount, category, site}
#     - {label: Animation, amount: 500000, category: animation}
#   funding:                           # financements : {label, amount, funder (slug de partners.yaml)}
#     - {label: Région, amount: 300000}
"""

TARGETS = """\
# targets.yaml — objectifs chiffrés du programme (liste, facultatif) : chacun avec sa période
# et une source datée (jamais une estimation). Le tableau de bord les montre en progression.
#
# - slug: visiteurs-2026
#   indicator: visitors      # visitors, professionals, sessions, participants,
#                            # school_interventions, questionnaires, followed_people,
#                            # referrals, hires
#   value: 1200
#   unit: visiteurs du public
#   period_start: 2026-01-01
#   period_end: 2026-12-31
#   source: slug-d-une-source
"""

README = """\
# Pack du territoire « {slug} »

Squelette écrit par `espaces new_territory {slug}`. Marche à suivre complète : docs/replicate.md.

1. Remplissez `name` et `short_name` dans territory.yaml : le pack se charge déjà
   (`espaces load_pack {path} --dry-run` pour vérifier, sans rien écrire).
2. Sources d'abord (sources.yaml), puis communes, secteurs, Espaces, partenaires, projets.
3. Métiers (metiers.yaml), puis `espaces pack_rome_subset {path} --rome-dir …/rome4_v460`.
4. Structures et services pour lever les freins, établissements scolaires.
5. `espaces load_pack {path}` ; relancez-le après chaque modification (rien n'est dupliqué).

Chaque fichier explique ses champs en commentaire ; les exemples sont commentés (`#`) et ne sont
pas chargés. Ce qui n'a pas de source reste vide.
"""

FILES = {
    "territory.yaml": TERRITORY,
    "sources.yaml": SOURCES,
    "sectors.yaml": SECTORS,
    "sites.yaml": SITES,
    "partners.yaml": PARTNERS,
    "projects.yaml": PROJECTS,
    "centres_interet.yaml": CENTRES,
    "rome.yaml": ROME,
    "metiers.yaml": METIERS,
    "structures.yaml": STRUCTURES,
    "services.yaml": SERVICES,
    "event_types.yaml": EVENT_TYPES,
    "schools.yaml": SCHOOLS,
    "visit_options.yaml": VISIT_OPTIONS,
    "questionnaire.yaml": None,  # see questionnaire_text()
    "budget.yaml": BUDGET,
    "targets.yaml": TARGETS,
}


def _fill(template: str, *, slug: str, path: Path) -> str:
    return template.replace("{slug}", slug).replace("{path}", str(path))


class SkeletonError(Exception):
    pass


def questionnaire_text(reference: Path | None) -> str:
    """The reference pack's questionnaire (generic statements written by the team), else a
    comment saying how to add one."""
    if reference and reference.is_file():
        body = reference.read_text(encoding="utf-8")
        return (
            QUESTIONNAIRE_INTRO
            + f"# Repris de {reference.parent.name}/{reference.name}.\n\n"
            + body
        )
    return QUESTIONNAIRE_INTRO + QUESTIONNAIRE_FALLBACK


def write_skeleton(slug: str, path: Path, *, questionnaire_from: Path | None = None) -> list[Path]:
    """Write the skeleton of `slug`'s pack in `path` (a new or empty folder)."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise SkeletonError(
            f"Le dossier « {path} » existe déjà et n'est pas vide : rien n'a été écrit. "
            "Choisissez un autre dossier (--path) ou supprimez celui-ci."
        )
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for name, template in FILES.items():
        if template is None:
            body = questionnaire_text(questionnaire_from)
        else:
            body = _fill(template, slug=slug, path=path)
        (path / name).write_text(_fill(HEADER, slug=slug, path=path) + "\n" + body, "utf-8")
        written.append(path / name)
    readme = path / "LISEZMOI.md"
    readme.write_text(_fill(README, slug=slug, path=path), encoding="utf-8")
    written.append(readme)
    return written

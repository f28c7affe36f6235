"""The search engine: folding, stemming, typos, synonyms, ranking, and everyday queries."""

import pytest

from espaces.catalogue import search
from espaces.catalogue.models import Metier
from espaces.catalogue.search import Document, SearchIndex, fold, root, stem, words

# Everyday queries against the Dunkerque catalogue: (query, slugs of which one at least must be
# in the first five results). Accents missing, typos, verbs for nouns, trade synonyms.
EVERYDAY_QUERIES = [
    ("soudure", {"soudeur"}),
    ("souder", {"soudeur"}),
    ("soudeur", {"soudeur"}),
    ("soudeuse", {"soudeur"}),
    ("cariste", {"cariste"}),
    ("chariot elevateur", {"cariste"}),
    ("fenwick", {"cariste"}),
    ("docker", {"docker"}),
    ("electricien", {"electricien-maintenance", "electricien-batiment-chantier"}),
    ("electrisien", {"electricien-maintenance", "electricien-batiment-chantier"}),
    ("maintenance", {"technicien-maintenance-industrielle"}),
    ("batterie", {"pilote-ligne-batteries"}),
    ("nucleaire", {"operateur-production-nucleaire", "technicien-exploitation-nucleaire"}),
    ("grue", {"grutier"}),
    ("tuyauteur", {"tuyauteur"}),
    ("chaudronier", {"chaudronnier"}),
    ("laboratoire", {"technicien-laboratoire-industriel", "operateur-laboratoire"}),
    ("logistique", {"agent-logistique-entrepot"}),
    ("magasin", {"magasinier-industrie"}),
    ("recyclage", {"agent-tri-recyclage"}),
    ("eolienne", {"technicien-maintenance-eoliennes"}),
    ("panneaux solaires", {"installateur-panneaux-solaires"}),
    ("climatisation", {"chauffagiste-climatisation", "frigoriste"}),
    ("securite", {"agent-securite-site-industriel", "technicien-hse"}),
    ("beton", {"coffreur-bancheur", "macon"}),
    ("conduire un camion", {"conducteur-poids-lourd"}),
    ("chauffeur routier", {"conducteur-poids-lourd"}),
    ("pelleteuse", {"conducteur-engins-chantier"}),
    ("hydrogene", {"technicien-installation-hydrogene"}),
    ("électricité", {"electricien-maintenance", "electricien-batiment-chantier"}),
    ("MACON", {"macon"}),
    ("chaudronnerie", {"chaudronnier"}),
    ("plombier", {"chauffagiste-climatisation"}),
    ("vigile", {"agent-securite-site-industriel"}),
    ("manutentionnaire", {"agent-logistique-entrepot", "docker", "cariste"}),
    ("conteneur", {"docker"}),
    ("port", {"docker"}),
    ("frites", {"agent-production-agroalimentaire"}),
    ("echafaudage", {"echafaudeur"}),
    ("automatisme", {"automaticien", "automaticien-maintenance"}),
    ("radioprotection", {"technicien-radioprotection"}),
    ("tri des dechets", {"agent-tri-recyclage"}),
    ("centrale nucleaire", {"operateur-production-nucleaire"}),
    ("pompe a chaleur", {"chauffagiste-climatisation"}),
    ("soudeure", {"soudeur"}),
    ("chauffeur de bus", {"conducteur-bus"}),
    ("je veux travailler dans le nucleaire", {"operateur-production-nucleaire"}),
    ("mecanique", {"mecanicien-maintenance-industrielle"}),
    ("conduite de grue", {"grutier"}),
]


# Everyday queries outside industry (issue WIDEN): care, children, cleaning, commerce, cooking,
# driving, digital, office, security, gardens, building. Feminine forms, phrases and synonyms.
EVERYDAY_OUTSIDE_INDUSTRY = [
    ("infirmière", {"infirmier"}),
    ("infirmiere", {"infirmier"}),
    ("aide soignante", {"aide-soignant"}),
    ("aide-soignante", {"aide-soignant"}),
    ("travailler avec les enfants", {"assistant-maternel", "atsem", "auxiliaire-puericulture"}),
    ("je veux m'occuper des enfants", {"assistant-maternel", "atsem", "animateur-loisirs"}),
    ("nounou", {"assistant-maternel"}),
    ("cuisine", {"commis-cuisine", "employe-restauration-collective"}),
    ("cuisinière", {"commis-cuisine", "employe-restauration-collective"}),
    ("ménage", {"agent-proprete", "auxiliaire-vie-aide-domicile", "agent-service-collectivite"}),
    ("femme de ménage", {"agent-proprete", "auxiliaire-vie-aide-domicile"}),
    (
        "je veux aider les gens",
        {"auxiliaire-vie-aide-domicile", "aide-soignant", "accompagnant-educatif-social"},
    ),
    ("prendre soin des autres", {"aide-soignant", "auxiliaire-vie-aide-domicile", "infirmier"}),
    ("personnes âgées", {"auxiliaire-vie-aide-domicile", "aide-soignant"}),
    ("chauffeur", {"chauffeur-livreur", "conducteur-bus", "conducteur-poids-lourd"}),
    ("chauffeuse", {"chauffeur-livreur", "conducteur-bus", "conducteur-poids-lourd"}),
    ("conductrice de bus", {"conducteur-bus"}),
    ("mécanicien auto", {"mecanicien-automobile"}),
    ("garage voiture", {"mecanicien-automobile"}),
    ("caissière", {"hote-caisse"}),
    ("vendeuse", {"vendeur"}),
    ("sécurité", {"agent-securite", "agent-securite-site-industriel"}),
    ("informatique", {"technicien-support-informatique", "developpeur"}),
    ("secrétaire", {"assistant-administratif"}),
    ("assistante", {"assistant-administratif"}),
    ("comptabilité", {"comptable"}),
    ("jardinier", {"jardinier-paysagiste"}),
    ("jardinage", {"jardinier-paysagiste"}),
    ("plombier", {"plombier"}),
    ("pompe à chaleur", {"installateur-pompes-chaleur", "chauffagiste-climatisation"}),
    ("livreuse", {"chauffeur-livreur"}),
    ("animaux", {"auxiliaire-veterinaire", "toiletteur", "aide-elevage"}),
    ("boulangère", {"boulanger"}),
    ("puéricultrice", {"auxiliaire-puericulture"}),
    ("agent d'entretien", {"agent-proprete", "agent-service-collectivite"}),
    ("peintre", {"peintre-batiment"}),
    ("toit", {"couvreur"}),
]


def test_fold_removes_case_and_accents():
    assert fold("Électricienne ÉOLIENNE cœur") == "electricienne eolienne coeur"
    assert words("Le métier d'Électricien à l'usine") == ["electricien", "usine"]


def test_stemming_and_roots_join_noun_verb_and_agent():
    assert stem("soudures") == stem("soudure")
    assert {root("soudure"), root("souder"), root("soudeur"), root("soudeuse")} == {"soud"}
    assert root("chaudronnier") == root("chaudronnerie") == root("chaudronier")
    assert root("conduire") == root("conducteur")
    assert root("logistique") == root("logisticien")
    assert root("grue") == "grue"  # short words are left alone


@pytest.fixture
def small_index():
    return SearchIndex(
        [
            Document(
                key="soudeur",
                title="Soudeur / Soudeuse",
                fields={"title": ["Soudeur / Soudeuse"], "summary": ["Vous assemblez le métal."]},
            ),
            Document(
                key="cariste",
                title="Cariste",
                fields={"title": ["Cariste"], "keywords": ["chariot élévateur", "Fenwick"]},
            ),
            Document(
                key="electricien",
                title="Électricien / Électricienne",
                fields={
                    "title": ["Électricien / Électricienne"],
                    "summary": ["Vous tirez des câbles dans les usines."],
                },
            ),
            Document(
                key="cableur",
                title="Câbleur",
                fields={
                    "title": ["Câbleur"],
                    "summary": ["Un électricien qui câble des armoires."],
                },
            ),
        ],
        search.METIER_WEIGHTS,
    )


def keys(hits):
    return [h.key for h in hits]


def test_exact_stem_root_prefix_and_one_typo_match(small_index):
    assert keys(small_index.search("SOUDEUR"))[0] == "soudeur"  # exact, any case
    assert keys(small_index.search("souder"))[0] == "soudeur"  # verb for the trade
    assert keys(small_index.search("soudur"))[0] == "soudeur"  # one letter missing
    assert keys(small_index.search("electrisien"))[0] == "electricien"  # one letter wrong
    assert keys(small_index.search("elec"))[0] == "electricien"  # beginning of a word
    assert small_index.search("elctrcien") == []  # two edits: too far


def test_typos_are_not_tolerated_on_short_words(small_index):
    assert small_index.search("cariste")
    assert small_index.search("cabl")  # prefix of câbleur
    assert small_index.search("sodu") == []  # 4 letters: no typo tolerance


def test_title_outranks_summary_and_exact_outranks_fuzzy(small_index):
    hits = small_index.search("electricien")
    assert keys(hits) == ["electricien", "cableur"]  # title match, then summary match
    assert hits[0].score > hits[1].score


def test_documents_matching_every_word_rank_first(small_index):
    hits = small_index.search("chariot usines")
    assert keys(hits)[0] == "cariste" or hits[0].matched == 1
    both = small_index.search("electricien cables")
    assert both[0].key == "electricien" and both[0].matched == 2
    assert all(h.matched <= both[0].matched for h in both)


def test_closest_titles_when_nothing_matches(small_index):
    assert small_index.search("boulanger") == []
    assert small_index.closest("sodeurr", limit=1) == ["soudeur"]
    assert small_index.closest("boulangerie") == []  # nothing close: no filler


@pytest.fixture(scope="module")
def dunkerque_index(dunkerque_catalogue, django_db_blocker):
    """The search index of the module's catalogue, built once (about 0.2 s of CPU each time):
    the everyday queries only read the catalogue, and `search_metiers(territory=…, query=…)` is
    `metier_index(territory).search(query)`; the other tests go through `search_metiers` and its
    cache."""
    with django_db_blocker.unblock():
        return search.metier_index(dunkerque_catalogue)


@pytest.mark.parametrize(
    ("query", "expected"), EVERYDAY_QUERIES, ids=[q for q, _ in EVERYDAY_QUERIES]
)
def test_everyday_queries_find_the_right_job_in_the_first_five(
    dunkerque_db, dunkerque_index, query, expected
):
    pks = [h.key for h in dunkerque_index.search(query, limit=5)]
    slugs = list(Metier.objects.filter(pk__in=pks).values_list("slug", flat=True))
    assert expected & set(slugs), f"{query!r} → {slugs}"


@pytest.mark.parametrize(
    ("query", "expected"),
    EVERYDAY_OUTSIDE_INDUSTRY,
    ids=[q for q, _ in EVERYDAY_OUTSIDE_INDUSTRY],
)
def test_everyday_queries_outside_industry_find_a_fitting_job(
    dunkerque_db, dunkerque_index, query, expected
):
    pks = [h.key for h in dunkerque_index.search(query, limit=5)]
    slugs = list(Metier.objects.filter(pk__in=pks).values_list("slug", flat=True))
    assert expected & set(slugs), f"{query!r} → {slugs}"


def test_menage_no_longer_gives_a_machine_operator_first(dunkerque_db):
    hits = search.search_metiers(territory=dunkerque_db, query="ménage", limit=3)
    first = Metier.objects.get(pk=hits[0].key)
    assert first.slug in {
        "agent-proprete",
        "auxiliaire-vie-aide-domicile",
        "agent-service-collectivite",
    }
    for hit in hits:
        codes = Metier.objects.get(pk=hit.key).rome_codes
        assert not any(code.startswith("H") for code in codes)  # no industrial production job


def test_nonsense_query_finds_nothing_and_no_close_title(dunkerque_db):
    for query in ("xqzwv", "blablabla", "zzzz qqqq"):
        assert search.search_metiers(territory=dunkerque_db, query=query) == []
        assert search.closest_metiers(territory=dunkerque_db, query=query) == []


def test_results_never_fill_the_list_with_weak_matches(dunkerque_db):
    """Every result scores at least a share of the best one (the relevance floor)."""
    for query in ("infirmière", "plombier", "jardinier", "aide soignante", "cuisine"):
        hits = search.search_metiers(territory=dunkerque_db, query=query)
        assert hits and all(h.score >= search.MIN_SCORE for h in hits)
        assert all(h.score >= hits[0].score * search.MIN_SHARE for h in hits)
    assert len(search.search_metiers(territory=dunkerque_db, query="infirmière")) <= 3


def test_rome_appellations_of_linked_codes_are_searched(dunkerque_db):
    # « Conducteur de grue » is an appellation of F1301, not a word of the Grutier sheet.
    first = search.search_metiers(territory=dunkerque_db, query="conducteur de grue", limit=1)
    assert Metier.objects.get(pk=first[0].key).slug == "grutier"
    # « Marin de la pêche »-like words absent from the sheets are not invented.
    assert search.search_metiers(territory=dunkerque_db, query="xylophoniste") == []


def test_index_is_rebuilt_when_a_sheet_changes(dunkerque_db):
    before = search.metier_index(dunkerque_db)
    assert search.metier_index(dunkerque_db) is before  # cached
    docker = Metier.objects.get(territory=dunkerque_db, slug="docker")
    assert not search.search_metiers(territory=dunkerque_db, query="zorglub")
    docker.keywords = [*docker.keywords, "zorglub"]
    docker.save()
    assert search.metier_index(dunkerque_db) is not before
    hits = search.search_metiers(territory=dunkerque_db, query="zorglub")
    assert hits[0].key == docker.pk


def test_signature_changes_without_signals(dunkerque_db):
    """Another process's change is seen through the signature (updated_at, count)."""
    signature = search._metier_signature(dunkerque_db.pk)
    Metier.objects.filter(territory=dunkerque_db, slug="docker").update(title="Docker")
    from django.utils import timezone

    Metier.objects.filter(territory=dunkerque_db, slug="docker").update(updated_at=timezone.now())
    assert search._metier_signature(dunkerque_db.pk) != signature


def test_search_of_all_appellations(dunkerque_db):
    rows = search.search_appellations("conducteur grue", limit=5)
    assert rows and rows[0].fiche_id == "F1301"
    assert all("grue" in fold(r.label) for r in rows[:3])
    by_code = search.search_appellations("F1301", limit=50)
    assert {r.fiche_id for r in by_code} == {"F1301"}

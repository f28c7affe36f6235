"""GET /api/v1/orientation/questionnaire and POST /api/v1/orientation (interfaces.md)."""

import json

import pytest

from espaces.orientation.models import OrientationCompletion, OrientationResult
from tests.factories import TerritoryFactory

URL = "/api/v1/orientation?territory=exemple"
GOOD = {
    "reparer": 2,
    "analyser": 0,
    "dessiner": 0,
    "aider": 0,
    "diriger": 0,
    "classer": 1,
    "envies": [14],
    "diplome": "sans_diplome",
    "permis": "sans_permis",
    "garde": "oui",
    "metiers-passes": "cariste",
}


def post(client, body, url=URL):
    return client.post(
        url,
        data=json.dumps(body) if not isinstance(body, str) else body,
        content_type="application/json",
    )


def test_questionnaire_lists_questions_with_dimension_and_options(client, example_territory):
    response = client.get("/api/v1/orientation/questionnaire?territory=exemple")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "exemple-1"
    first = data["questions"][0]
    assert {k: first[k] for k in ("id", "text", "kind", "dimension")} == {
        "id": "reparer",
        "text": "Réparer un appareil",
        "kind": "scale",
        "dimension": "R",
    }
    assert [(o["value"], o["label"]) for o in first["options"]] == [
        (0, "Non"),
        (1, "Un peu"),
        (2, "Beaucoup"),
    ]
    dimensions = [q["dimension"] for q in data["questions"]]
    assert dimensions[:7] == ["R", "I", "A", "S", "E", "C", "centre_interet"]
    assert "driving" in dimensions and "health" in dimensions
    envies = next(q for q in data["questions"] if q["dimension"] == "centre_interet")
    assert len(envies["options"]) == 30 and envies["max_choices"] == 3
    assert all(q["skippable"] for q in data["questions"])


def test_questionnaire_404_when_the_territory_has_none(client, db):
    TerritoryFactory(slug="vide")
    response = client.get("/api/v1/orientation/questionnaire?territory=vide")
    assert response.status_code == 404
    assert response.json() == {
        "message": "Aucun questionnaire d'orientation n'est chargé pour ce territoire."
    }


def test_answers_give_a_code_ten_results_at_most_and_barriers_with_services(
    client, example_territory
):
    response = post(client, {"answers": GOOD})
    assert response.status_code == 200, response.content
    data = response.json()
    assert len(data["code"]) == 8
    assert data["url"].endswith(f"/orientation/resultat/{data['code']}/")
    assert data["criteria"] == ["interets", "centres_interet", "recrutements"]
    assert 1 <= len(data["results"]) <= 10
    top = data["results"][0]
    assert set(top["metier"]) == {"slug", "title", "rome_codes"}
    assert 0 <= top["score"] <= 100
    assert all(2 <= len(r["reasons"]) <= 4 for r in data["results"])
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)
    barriers = {b["thematique"]: b for b in data["barriers"]}
    assert "famille--garde-denfants" in barriers
    assert "se-former" in barriers
    assert all("services" in b for b in data["barriers"])
    mobility_services = barriers.get("mobilite", {"services": []})["services"]
    assert all({"slug", "nom", "structure", "url"} <= set(s) for s in mobility_services)
    saved = OrientationResult.objects.get(code=data["code"])
    assert "metiers-passes" not in saved.answers  # the free text is not kept
    assert saved.experience == ["cariste"]


def test_same_answers_give_the_same_results(client, example_territory):
    first = post(client, {"answers": GOOD}).json()
    second = post(client, {"answers": GOOD}).json()
    assert first["code"] != second["code"]
    assert first["results"] == second["results"]
    assert first["barriers"] == second["barriers"]


def test_partial_and_empty_answers_are_fine(client, example_territory):
    assert post(client, {"answers": {"reparer": 2}}).status_code == 200
    data = post(client, {"answers": {}}).json()
    assert data["criteria"] == ["recrutements"]
    assert data["results"]


@pytest.mark.parametrize(
    "body, expected",
    [
        ({"answers": {"couleur": "bleu"}}, "question inconnue : « couleur »"),
        (
            {"answers": {"reparer": 9}},
            "question « reparer » : valeur « 9 » hors des choix (valeurs permises : 0, 1, 2)",
        ),
        ({"answers": {"envies": [1, 2, 3, 4]}}, "3 choix au plus"),
        (
            {"answers": {"genre": "femme"}},
            "le genre, l'âge, la nationalité et l'adresse ne sont jamais demandés",
        ),
        ({"answers": {"age": 30, "reparer": 1}}, "« age » refusé"),
        ({"answers": {"permis": ["sans_permis"]}}, "une seule valeur attendue"),
    ],
)
def test_bad_answers_are_refused_with_422_naming_the_problem(
    client, example_territory, body, expected
):
    response = post(client, body)
    assert response.status_code == 422
    data = response.json()
    assert data["message"].startswith("Réponses invalides : ")
    assert expected in data["message"]
    assert data["erreurs"]
    assert OrientationResult.objects.count() == 0
    assert OrientationCompletion.objects.count() == 0


@pytest.mark.parametrize(
    "body, expected",
    [
        ('{"answers": ', "le corps n'est pas du JSON lisible"),
        ("", 'le corps doit être un objet {"answers": {identifiant: valeur}}'),
        ("[1, 2]", 'le corps doit être un objet {"answers": {identifiant: valeur}}'),
        ('{"reponses": {}}', 'le corps doit être un objet {"answers": {identifiant: valeur}}'),
        ('{"answers": [1]}', "« answers » doit être un objet {identifiant: valeur}"),
        ('{"answers": "oui"}', "« answers » doit être un objet {identifiant: valeur}"),
        ('{"answers": {}, "genre": "f"}', "champ(s) inconnu(s) : genre (seul « answers » est lu)"),
    ],
)
def test_a_body_of_the_wrong_shape_is_a_422_in_french(client, example_territory, body, expected):
    response = post(client, body)
    assert response.status_code == 422
    assert response.json()["message"] == f"Données invalides : {expected}"


def test_each_completion_is_counted_anonymously_with_its_site(client, example_territory):
    post(client, {"answers": GOOD})
    post(client, {"answers": GOOD}, url=URL + "&site=gare")
    post(client, {"answers": GOOD}, url=URL + "&site=inconnu")
    rows = list(OrientationCompletion.objects.order_by("pk"))
    assert [r.place for r in rows] == ["en ligne", "Espace de la gare", "en ligne"]
    assert rows[0].top_metiers == [
        r["metier"]["slug"] for r in post(client, {"answers": GOOD}).json()["results"][:3]
    ]
    assert rows[0].top_sectors and all(isinstance(s, str) for s in rows[0].top_sectors)
    assert rows[0].mode == "complet"


def test_quick_mode_is_recorded_when_no_interest_statement_is_answered(client, example_territory):
    post(client, {"answers": {"envies": [14], "permis": "permis_vehicule"}})
    assert OrientationCompletion.objects.get().mode == "rapide"


def test_posting_takes_a_bounded_number_of_queries(
    client, example_territory, django_assert_max_num_queries
):
    # The national indexes (appellations, skills, mobilities, ROME fiches) are built once per
    # process and kept while the referential does not change: count the steady state.
    assert post(client, {"answers": GOOD}).status_code == 200
    with django_assert_max_num_queries(30):
        assert post(client, {"answers": GOOD}).status_code == 200


def _skills_and_mobilities():
    """A few national skills and mobilities for the example fiches (normally from data/rome/)."""
    from espaces.rome.models import RomeFiche, RomeFicheSkill, RomeMobility, RomeSkill

    labels = {
        "s1": "Souder des pièces métalliques",
        "s2": "Respecter les consignes de sécurité",
        "s3": "Lire un plan",
        "s4": "Conduire un chariot élévateur",
        "s5": "Charger et décharger des marchandises",
    }
    for code, label in labels.items():
        RomeSkill.objects.create(code_ogr=code, label=label, kind="savoir_faire")
    fiches = {"H2913": ["s1", "s2", "s3"], "N1101": ["s2", "s4", "s5"], "N3203": ["s5"]}
    for fiche, skills in fiches.items():
        for skill in skills:
            RomeFicheSkill.objects.create(fiche_id=fiche, skill_id=skill)
    RomeMobility.objects.create(
        source=RomeFiche.objects.get(code="H2913"),
        target=RomeFiche.objects.get(code="N1101"),
        order=1,
    )
    return labels


def test_a_past_job_brings_passerelles_with_what_is_known_and_what_to_learn(
    client, example_territory
):
    labels = _skills_and_mobilities()
    response = post(client, {"answers": {"metiers-passes": "soudeuse", "envies": [14]}})
    assert response.status_code == 200
    data = response.json()
    (bridge,) = data["passerelles"]
    assert bridge["from"]["rome_code"] == "H2913"
    assert bridge["from"]["title"] == "Soudeur / Soudeuse"
    assert bridge["to"]["kind"] == "metier" and bridge["to"]["slug"] == "cariste"
    assert bridge["to"]["rome_codes"] == ["N1101"]
    assert bridge["to"]["url"].endswith("/metiers/cariste/")
    assert bridge["shared_skills"] == [labels["s2"]]
    assert set(bridge["missing_skills"]) == {labels["s4"], labels["s5"]}
    assert bridge["mobility"] is True
    # what the bridge leaves to learn is a « Se former » barrier with its services
    assert "se-former" in {b["thematique"] for b in data["barriers"]}
    # the free text is not kept, only the ROME code recognised
    result = OrientationResult.objects.get(code=data["code"])
    assert "soudeuse" not in json.dumps(result.answers)
    assert [r["rome_code"] for r in result.summary["recognised"]] == ["H2913"]
    # the sheet of the past job counts as a job already done
    soudeur = next(r for r in data["results"] if r["metier"]["slug"] == "soudeur")
    assert "Proche d'un métier que vous avez déjà fait." in soudeur["reasons"]


def test_a_bridge_target_ruled_out_by_a_hard_limit_is_left_out(client, example_territory):
    from espaces.catalogue.models import Metier, MetierCondition

    _skills_and_mobilities()
    cariste = Metier.objects.get(territory=example_territory, slug="cariste")
    MetierCondition.objects.get_or_create(metier=cariste, condition="nuit")
    response = post(client, {"answers": {"metiers-passes": "soudeuse", "nuit": "non"}})
    assert response.status_code == 200
    assert "cariste" not in {p["to"].get("slug") for p in response.json()["passerelles"]}


def test_one_answer_gives_tracks_to_explore_not_a_100(client, example_territory):
    data = post(client, {"answers": {"envies": [14]}}).json()
    assert data["title"] == "Des pistes à explorer"
    assert data["confidence"] == 0.15
    assert all(r["score"] < 100 for r in data["results"])
    assert data["results"][0]["resemblance"] >= data["results"][0]["score"]


def test_an_unknown_commune_is_refused_in_french(client, example_territory):
    response = client.post(
        "/api/v1/orientation?territory=exemple&commune=99999",
        data=json.dumps({"answers": {}}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "commune « 99999 » inconnue" in response.json()["message"]

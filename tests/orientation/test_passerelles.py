"""Bridges from experience (docs/orientation.md § Passerelles), on the real ROME referential
(data/rome/), without the database."""

import pytest

from espaces.orientation.passerelles import (
    Recognised,
    Target,
    bridges,
    bridges_from,
    split_items,
    words,
)

from . import rome_dataset


@pytest.fixture(scope="module")
def index():
    return rome_dataset.appellation_index()


@pytest.fixture(scope="module")
def graph():
    return rome_dataset.graph()


def national(graph):
    def target_of(code):
        return Target("rome", code, graph.titles[code], (code,), f"/rome/{code}/")

    return target_of


def test_the_index_holds_every_appellation_of_the_1584_fiches(index, graph):
    assert len(graph.titles) == 1584
    assert len({code for code, _, _ in index.entries}) == 1584
    assert len(index) >= 13_000


@pytest.mark.parametrize(
    "typed, code",
    [
        ("caissière", "D1505"),  # feminine form
        ("opérateur de laminoir", "H2904"),
        ("operatuer de laminoir", "H2904"),  # typo
        ("Aide soignante", "J1501"),
        ("cariste", "N1101"),
        ("j'ai fait du ménage chez des particuliers", "K1304"),
        ("soudeuse", "H2913"),
    ],
)
def test_past_jobs_typed_freely_are_recognised(index, typed, code):
    (found,) = index.recognise(typed)
    assert found.rome_code == code, (found.appellation, found.title)


# Past jobs as people say them at a desk of the Espaces: slang, abbreviations, a bare word
# whose everyday meaning is one job among several of the ROME, a diploma specialty.
EVERYDAY = [
    ("mécano auto", "I1604"),  # mécanicien automobile, not « responsable d'auto-école »
    ("mécanicien auto", "I1604"),
    ("garagiste", "I1604"),
    ("cariste", "N1101"),
    ("CACES 3", "N1101"),
    ("aide-soignante", "J1501"),
    ("soudeur", "H2913"),
    ("caissière", "D1505"),
    ("opérateur de laminoir", "H2904"),
    ("stage bac pro électrotechnique", "I1324"),
    ("nounou", "K1310"),
    ("chauffeur PL", "N4101"),
    ("plongeur dans un resto", "G1605"),  # not the deep-sea diver
    ("électricien", "F1602"),
    ("infirmière", "J1506"),
    ("ELS", "D1507"),
    ("agent de sécu", "K2503"),
    ("femme de ménage", "K1304"),
]


@pytest.mark.parametrize("typed, code", EVERYDAY)
def test_everyday_names_of_jobs_are_recognised_with_bridges(index, graph, typed, code):
    (found,) = index.recognise(typed)
    assert found.rome_code == code, (found.appellation, found.title)
    found_bridges = bridges([found], graph, national(graph))
    assert len(found_bridges) == 5
    assert all(b.shared and b.missing for b in found_bridges)


def test_everyday_forms_leave_precise_names_alone(index):
    # « plongeur » alone is the restaurant's, a precise name stays what it says
    assert index.recognise("plongeur scaphandrier")[0].rome_code == "I1502"
    assert index.recognise("vendeuse en boulangerie")[0].rome_code == "D1106"
    assert index.recognise("moniteur auto-école")[0].rome_code == "K2110"  # « auto » kept
    assert index.recognise("électricien industriel")[0].rome_code == "I1309"


def test_everyday_forms_come_from_data():
    from espaces.orientation.passerelles import AppellationIndex, EverydayForms

    forms = EverydayForms.from_data(
        {
            "mots": {"Sécu": "sécurité", "nounou": "assistante maternelle"},
            "expressions": {"mécano auto": "mécanicien automobile"},
            "seuls": {"plongeur": "plongeur restauration"},
        }
    )
    assert forms.rewrite(words("agent de sécu")) == ["agent", "securite"]
    assert forms.rewrite(words("mécano auto")) == ["mecanicien", "automobile"]
    assert forms.rewrite(words("plongeur")) == ["plongeur", "restauration"]
    assert forms.rewrite(words("plongeur hyperbare")) == ["plongeur", "hyperbare"]
    entries = [("K1310", "Assistant maternel / Assistante maternelle")]
    titles = {"K1310": "Assistant maternel / Assistante maternelle"}
    assert (
        AppellationIndex(entries, titles, forms=forms).recognise("nounou")[0].rome_code == "K1310"
    )
    assert AppellationIndex(entries, titles, forms=EverydayForms()).recognise("nounou") == []


def test_a_training_specialty_is_recognised_by_a_partial_word(index):
    (found,) = index.recognise("stage bac pro électrotechnique")
    assert "lectrotechni" in found.appellation
    assert found.rome_code[0] in "HI"  # industry or installation/maintenance


def test_several_jobs_in_one_text_are_recognised_in_order_without_repeat(index):
    found = index.recognise("caissière, opérateur de laminoir et caissier")
    assert [r.rome_code for r in found] == ["D1505", "H2904"]
    assert split_items("aa ; bb / cc\ndd puis ee et ff") == [
        "aa",
        "bb",
        "cc",
        "dd",
        "ee",
    ]  # 5 at most
    assert words("Bac pro : l'électrotechnique") == ["electrotechnique"]


def test_nothing_is_recognised_from_unrelated_words(index):
    assert index.recognise("xyzzy plugh") == []
    assert index.recognise("") == []


def test_bridges_come_from_mobilities_or_shared_skills_with_both_lists_filled(index, graph):
    (steel,) = index.recognise("opérateur de laminoir")
    found = bridges_from(steel, graph, national(graph))
    assert 1 <= len(found) <= 5
    own = graph.skill_sets[steel.rome_code]
    for bridge in found:
        code = bridge.target.key
        assert code != steel.rome_code
        theirs = graph.skill_sets[code]
        assert code in graph.mobilities[steel.rome_code] or own & theirs
        assert bridge.shared and bridge.missing
        labels = {graph.skill_labels[s] for s in theirs}
        assert set(bridge.shared) <= {graph.skill_labels[s] for s in theirs & own}
        assert set(bridge.missing) <= labels - set(bridge.shared)
    assert any(b.mobility for b in found)
    data = found[0].as_dict()
    assert data["from"] == {
        "rome_code": "H2904",
        "title": "Opérateur / Opératrice de laminoir",
        "fiche": graph.titles["H2904"],
    }
    assert data["to"]["kind"] == "rome" and data["to"]["code"] == found[0].target.key
    assert data["to"]["url"].startswith("/rome/")


def test_a_local_sheet_is_the_target_when_one_carries_the_code(index, graph):
    (steel,) = index.recognise("opérateur de laminoir")
    first = bridges_from(steel, graph, national(graph))[0]
    code = first.target.key

    def local(c):
        if c == code:
            return Target("metier", "ma-fiche", "Ma fiche", (c,), "/metiers/ma-fiche/")
        return national(graph)(c)

    found = bridges_from(steel, graph, local)
    assert found[0].target.kind == "metier"
    assert found[0].as_dict()["to"]["slug"] == "ma-fiche"


def test_targets_ruled_out_by_a_hard_limit_are_left_out(index, graph):
    (steel,) = index.recognise("opérateur de laminoir")
    every = bridges_from(steel, graph, national(graph))
    banned = every[0].target.key

    def target_of(code):
        return None if code == banned else national(graph)(code)

    assert banned not in {b.target.key for b in bridges_from(steel, graph, target_of)}


def test_bridges_are_deterministic_and_skip_the_other_past_jobs(index, graph):
    recognised = index.recognise("caissière, opérateur de laminoir")
    first = [b.as_dict() for b in bridges(recognised, graph, national(graph))]
    again = [b.as_dict() for b in bridges(list(recognised), graph, national(graph))]
    assert first == again
    assert {b["to"]["code"] for b in first}.isdisjoint({"D1505", "H2904"})
    assert len(first) <= 10


def test_a_fiche_without_skills_has_no_bridge(graph):
    lonely = Recognised("Z9999", "Inconnu", "Inconnu", "inconnu")
    assert bridges_from(lonely, graph, national(graph)) == []

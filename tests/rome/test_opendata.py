import pytest

from espaces.rome.opendata import (
    RomeDataError,
    decode_bytes,
    find_release,
    read_csv_table,
    read_referential,
)

from .conftest import FIXTURE_DIR


def test_decode_bytes_reads_utf8_and_drops_the_byte_order_mark():
    assert decode_bytes("\ufeffcode,libellé\n".encode()) == ("code,libellé\n", "utf-8")


def test_decode_bytes_falls_back_to_latin1_for_a_file_misnamed_utf8():
    text, encoding = decode_bytes("Fabrication de matériel électrique".encode("latin-1"))
    assert (text, encoding) == ("Fabrication de matériel électrique", "latin-1")


def test_read_csv_table_decodes_a_latin1_file_and_keeps_accents(tmp_path):
    path = tmp_path / "unix_arborescence_secteur_naf_v499_utf8.csv"
    path.write_bytes(
        '"code_secteur_naf","libelle_secteur_naf"\n"27","Fabrication d\'équipements électriques"\n'.encode(
            "latin-1"
        )
    )
    table = read_csv_table(path)
    assert table.encoding == "latin-1"
    assert table.rows[0]["libelle_secteur_naf"] == "Fabrication d'équipements électriques"


def test_read_csv_table_numbers_rows_by_their_first_line_across_multiline_values():
    table = read_csv_table(FIXTURE_DIR / "unix_centre_interet_v499_utf8.csv")
    assert [row.line for row in table.rows] == [2, 6]
    assert table.rows[1]["definition_centre_interet"] == (
        "Vous aimez travailler de vos mains ?\n\n Fabriquer, réparer, assembler : des métiers concrets."
    )


def test_find_release_detects_the_version_from_the_file_names():
    release = find_release(FIXTURE_DIR)
    assert release.version == "499"
    assert release.attribution == "Source : France Travail, ROME 4.0 v499, Licence Ouverte 2.0"
    assert "referentiel_appellation" in release.files


def test_find_release_refuses_two_versions_in_one_folder(rome_dir):
    (rome_dir / "unix_referentiel_code_rome_v498_utf8.csv").write_text("code_rome\n")
    with pytest.raises(RomeDataError, match=r"Plusieurs versions du ROME .*\(v498, v499\)"):
        find_release(rome_dir)


def test_find_release_explains_an_empty_folder(tmp_path):
    with pytest.raises(RomeDataError, match="Aucun fichier « unix_\\*_v4NN_utf8.csv »"):
        find_release(tmp_path)


def test_read_referential_reports_every_bad_value_with_file_line_and_column(rome_dir):
    path = rome_dir / "unix_referentiel_code_rome_riasec_v499_utf8.csv"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace('"E1401","E","C"', '"E1401","X","C"')
        .replace('"N1101","R",""', '"Z9999","R",""'),
        encoding="utf-8",
    )
    with pytest.raises(RomeDataError) as caught:
        read_referential(rome_dir)
    assert caught.value.problems == [
        "unix_referentiel_code_rome_riasec_v499_utf8.csv, ligne 4, colonne « riasec_majeur » : "
        "valeur « X » inconnue. Valeurs permises : « R », « I », « A », « S », « E », « C » "
        "ou vide.",
        "unix_referentiel_code_rome_riasec_v499_utf8.csv, ligne 6, colonne « code_rome » : "
        "code ROME « Z9999 » invalide (ex. « H2913 »).",
    ]


def test_read_referential_refuses_a_link_to_an_unknown_centre(rome_dir):
    path = rome_dir / "unix_arborescence_centre_interet_v499_utf8.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write('"31","Inconnu","290","H2913","Soudeur / Soudeuse","non"\n')
    with pytest.raises(RomeDataError, match="ligne 7, colonne « code_centre_interet » : centre"):
        read_referential(rome_dir)


def test_a_short_row_reads_its_missing_trailing_cells_as_empty(rome_dir):
    path = rome_dir / "unix_referentiel_code_rome_riasec_v499_utf8.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"H2913","R",""', '"H2913","R"'),
        encoding="utf-8",
    )

    ref = read_referential(rome_dir)

    assert (ref.fiches["H2913"].riasec_major, ref.fiches["H2913"].riasec_minor) == ("R", "")

"""TRUST item 4: recruitment figures shown with status and horizon; suspended, paused or
abandoned projects never count as recruiting."""

import pytest

from espaces.territories.enums import ProjectStatus
from espaces.territories.models import Project


def recruiting_section(page: str) -> str:
    return page.split('id="titre-projets"')[1].split("</section>")[0]


@pytest.mark.parametrize("status", ProjectStatus.not_recruiting())
def test_stopped_projects_are_out_of_the_recruiting_lists(client, settings_example, status):
    Project.objects.filter(slug="gigafactory-exemple").update(status=status)
    section = recruiting_section(client.get("/").content.decode())
    listed, stopped = section.split("Suspendus, en pause ou abandonnés")
    assert "Gigafactory d&#x27;exemple" not in listed
    assert "Aucun projet ne recrute en ce moment." in listed
    assert "Gigafactory d&#x27;exemple" in stopped
    sheet = client.get("/metiers/cariste/").content.decode()
    recruiting = sheet.split('id="titre-recrutent"')[1].split("</section>")[0]
    assert "Gigafactory" not in recruiting and "recyclage" not in recruiting  # both stopped
    assert client.get("/api/v1/projects").json()[0]["recruiting"] is False


def test_recruiting_project_shows_status_and_horizon(client, settings_example):
    home = client.get("/").content.decode()
    table = recruiting_section(home)
    assert "Gigafactory d&#x27;exemple" in table
    assert "En construction" in table and "À l&#x27;horizon 2027" in table
    assert "Usine de recyclage d&#x27;exemple" not in table.split("<table")[1].split("</table>")[0]
    sheet = client.get("/metiers/operateur-batteries/").content.decode()
    assert 'En construction</span> <span class="horizon">· à l&#x27;horizon 2027</span>' in sheet
    projects = {p["slug"]: p for p in client.get("/api/v1/projects").json()}
    assert projects["gigafactory-exemple"]["recruiting"] is True
    assert projects["recyclage-exemple"]["recruiting"] is False
    assert all(p["status_note"] == "" for p in projects.values())


def test_status_note_is_for_the_staff_only(client, settings_example):
    Project.objects.filter(slug="gigafactory-exemple").update(
        status_note="NOTE-STATUT chiffre à vérifier dans le tableau"
    )
    for url in ("/", "/projets/", "/metiers/operateur-batteries/", "/api/v1/projects"):
        assert "NOTE-STATUT" not in client.get(url).content.decode(), url


def test_horizon_phrase():
    assert Project(horizon="2032").horizon_phrase == "à l'horizon 2032"
    assert Project(horizon="2028-2032").horizon_phrase == "à l'horizon 2028-2032"
    assert Project(horizon="En production").horizon_phrase == "En production"
    assert Project(horizon="").horizon_phrase == ""

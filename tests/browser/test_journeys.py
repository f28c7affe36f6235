"""The three journeys of the issue, in Chromium, with a screenshot of every step
(test-artifacts/browser/<test>/)."""

import re

import pytest

from .keyboard import href_contains, settle, tab_to, text_starts


def _failed(page) -> list:
    return [(r["status"], r["url"]) for r in page.requests.responses if r["status"] >= 400]


def _wait_loaded(page):
    settle(page)


def test_visitor_finds_a_job_answers_with_the_keyboard_and_registers(page, site, shot):
    page.goto(site("/"))
    assert page.locator("html").get_attribute("lang") == "fr"
    shot(page, "accueil")

    # The skip link comes first and takes the focus to the content.
    skip = tab_to(page, text_starts("Aller au contenu"), limit=1)
    assert skip["href"] == "#contenu"

    # Home → catalogue (the menu).
    tab_to(page, lambda e: e["href"] == "/metiers/")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/metiers/$"))
    shot(page, "catalogue")

    # Catalogue → the first job sheet of the list.
    tab_to(page, lambda e: e["tag"] == "a" and re.search(r"/metiers/[\w-]+/$", e["href"]))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/metiers/[\w-]+/$"))
    assert page.locator("h1").count() == 1
    shot(page, "fiche-metier")

    # Job sheet → orientation (the menu), then the quick mode, all with the keyboard.
    tab_to(page, lambda e: e["href"] == "/orientation/")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/orientation/$"))
    shot(page, "orientation-debut")
    tab_to(page, lambda e: e["tag"] == "button" and e["value"] == "rapide")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/orientation/question/1/$"))

    for step in range(1, 40):
        _wait_loaded(page)
        if "/question/" not in page.url:
            break
        if step <= 2:
            shot(page, f"question-{step}")
        checkboxes = page.locator("form.question input[type=checkbox]")
        answers = page.locator("form.question button[name=answer]")
        current = page.url
        if checkboxes.count():
            # Multiple choice: tick the first option with Space, then « Valider ».
            tab_to(page, lambda e: e["type"] == "checkbox")
            page.keyboard.press("Space")
            assert page.evaluate("document.activeElement.checked") is True
            tab_to(page, lambda e: e["tag"] == "button" and e["value"] == "next")
        elif answers.count():
            # One answer: the first option, pressed with Space this time.
            tab_to(page, lambda e: e["tag"] == "button" and e["name"] == "answer")
            page.keyboard.press("Space")
            page.wait_for_url(lambda url, current=current: url != current)
            continue
        else:
            tab_to(page, lambda e: e["tag"] == "button" and e["value"] == "skip")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url, current=current: url != current)

    # Review page → results.
    if "/vos-reponses/" in page.url:
        shot(page, "vos-reponses")
        tab_to(page, text_starts("Voir mes résultats"))
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/orientation/resultat/[\w-]+/$"))
    _wait_loaded(page)
    assert page.locator("ol.jobs li.job").count() >= 1
    assert "Votre code" in page.locator(".result-code").inner_text()
    shot(page, "resultats")

    # Results → the agenda (menu) → the upcoming session made for this journey.
    tab_to(page, lambda e: e["href"] == "/agenda/")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/agenda/$"))
    shot(page, "agenda")
    session_path = f"/agenda/seances/{site.data['upcoming_session']}/"
    tab_to(page, href_contains(session_path), limit=400)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(session_path) + "$"))
    shot(page, "seance")

    # The registration form, filled in and sent with the keyboard.
    tab_to(page, lambda e: e["name"] == "first_name")
    page.keyboard.type("Aïcha")
    tab_to(page, lambda e: e["name"] == "last_name", limit=3)
    page.keyboard.type("Delattre")
    tab_to(page, lambda e: e["name"] == "email", limit=5)
    page.keyboard.type("aicha.delattre@example.org")
    tab_to(page, lambda e: e["name"] == "consent", limit=25)
    page.keyboard.press("Space")
    tab_to(page, lambda e: e["tag"] == "button" and e["text"].startswith("M'inscrire"), limit=5)
    shot(page, "formulaire-rempli")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/agenda/inscription/[^/]+/$"))
    body = page.locator("main").inner_text()
    assert "C'est confirmé" in body and "Aïcha Delattre" in body
    shot(page, "inscription-confirmee")
    assert page.console_errors == [], _failed(page)


def _login(page, site, email):
    page.goto(site("/equipe/connexion/"))
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(site.data["password"])
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/equipe/$"))


def test_mediator_records_a_visit_and_checks_attendance(page, site, shot):
    _login(page, site, site.data["mediator"])
    shot(page, "accueil-equipe")

    page.goto(site("/equipe/accueil/"))
    shot(page, "registre")
    before = page.locator(".today-list li").count()
    page.locator("fieldset", has_text="Public").first.locator("label").first.click()
    page.get_by_role("button", name="Enregistrer la visite").click()
    page.wait_for_load_state("load")
    assert page.locator(".today-list li").count() == before + 1
    shot(page, "visite-notee")

    session = site.data["today_session"]
    page.goto(site(f"/agenda/equipe/{session}/pointage/"))
    shot(page, "pointage")
    rows = page.locator(".checkin-row")
    assert rows.count() == 3
    first = rows.first
    present = first.locator("button.att-present")
    present.click()
    # htmx swaps the row in place: wait for the new one.
    page.locator(".checkin-row").first.locator("button.att-present[aria-pressed='true']").wait_for()
    # The page answers without a reload (htmx) and the mark survives one.
    page.reload()
    assert (
        page.locator(".checkin-row")
        .first.locator("button.att-present")
        .get_attribute("aria-pressed")
        == "true"
    )
    shot(page, "pointage-fait")
    assert page.console_errors == [], _failed(page)


def test_coordinator_opens_the_dashboard_and_downloads_the_report(page, site, shot):
    _login(page, site, site.data["coordinator"])
    response = page.goto(site("/equipe/statistiques/"))
    if response.status == 404:
        response = page.goto(site("/equipe/accueil/chiffres/"))
    assert response.status == 200
    assert page.locator("h1").count() == 1
    shot(page, "tableau-de-bord")

    links = page.locator("a[href*='bilan.']")
    if not links.count():
        pytest.skip("le tableau de bord ne propose pas encore de bilan à télécharger")
    with page.expect_download() as download_info:
        links.first.click()
    download = download_info.value
    path = download.path()
    assert path is not None and path.stat().st_size > 0
    assert download.suggested_filename
    shot(page, "bilan-telecharge")

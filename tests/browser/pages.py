"""The pages the browser tests visit: every public page (with and without filters, and the
steps of the questionnaire and of a registration) and the main staff pages."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Visit:
    id: str
    path: str = ""
    # For pages reached through a form: drives the page there from a fresh context.
    go: Callable | None = None
    login: str = ""  # "mediator" or "coordinator" for staff pages
    optional: bool = False  # a page another engineer may not have built yet: skipped on 404
    standalone: bool = False  # a sheet to print: no site header, menu or footer
    status: int = 200
    # Longer than the test kiosk's idle reset (6 s) on a cold server: left out of the kiosk walk.
    slow: bool = False

    def open(self, page, site):
        if self.login:
            login(page, site, site.data[self.login])
        if self.go:
            self.go(page, site)
            return None
        return page.goto(site(self.path.format(**site.data, metier=site.data["metiers"][0])))


def login(page, site, email):
    page.goto(site("/equipe/connexion/"))
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(site.data["password"])
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/equipe/$"))


def _orientation_question(page, site):
    page.goto(site("/orientation/"))
    page.locator("button[name=mode][value=complet]").click()
    page.wait_for_url(re.compile(r"/question/1/$"))
    page.wait_for_load_state("load")


def _orientation_results(page, site):
    _orientation_question(page, site)
    # Two answers, then « Terminer maintenant et voir mes résultats ».
    for _ in range(2):
        current = page.url
        page.locator("form.question button[name=answer]").last.click()
        page.wait_for_url(lambda url, current=current: url != current)
        page.wait_for_load_state("load")
    page.locator("button[name=action][value=finish]").click()
    page.wait_for_url(re.compile(r"/resultat/[\w-]+/$"))
    page.wait_for_load_state("load")


def _registration(page, site):
    page.goto(site(f"/agenda/seances/{site.data['upcoming_session']}/"))
    page.get_by_label("Prénom").fill("Karim")
    page.locator("input[name=last_name]").fill("Vermeulen")
    # A new address each time: the same person cannot register twice.
    page.locator("input[name=email]").fill(f"karim.{uuid.uuid4().hex[:8]}@example.org")
    page.locator("input[name=consent]").check()
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/agenda/inscription/[^/]+/$"))
    page.wait_for_load_state("load")


def _simulation(page, site):
    page.goto(site("/et-si-je-travaillais/"))
    page.get_by_label("Âge de chaque enfant à charge").fill("4")
    page.locator("input[name=gross_1]").fill("1850")
    page.get_by_label("Loyer par mois, sans les charges (en euros)").fill("520")
    page.locator("button.primary[type=submit]").click()
    page.locator("#titre-resultat").wait_for(timeout=180_000)  # OpenFisca loads once
    page.wait_for_load_state("load")


PUBLIC = [
    Visit("accueil", "/"),
    Visit("projets", "/projets/"),
    Visit("metiers", "/metiers/"),
    Visit("metiers-filtres", "/metiers/?q=soudure&sans_diplome=1&tri=titre"),
    Visit("fiche-metier", "/metiers/{metier}/"),
    Visit("comparer", "/metiers/comparer/?m={metiers[0]}&m={metiers[1]}"),
    Visit("fiche-nationale", "/metiers/rome/J1501/"),
    Visit("fiches-nationales", "/metiers/rome/"),
    Visit("metiers-recherche-nationale", "/metiers/?q=aide+soignante"),
    Visit("fiche-a-imprimer", "/metiers/{metier}/imprimer/", standalone=True),
    Visit("lever-les-freins", "/lever-les-freins/"),
    Visit("lever-les-freins-besoins", "/lever-les-freins/?besoin=me-deplacer&besoin=me-loger"),
    Visit("fiche-service", "/lever-les-freins/services/{service}/"),
    Visit("orientation", "/orientation/"),
    Visit("orientation-question", go=_orientation_question),
    Visit("orientation-resultats", go=_orientation_results),
    Visit("orientation-retrouver", "/orientation/retrouver/"),
    Visit("simulateur", "/et-si-je-travaillais/"),
    Visit("simulateur-resultat", go=_simulation, slow=True),
    Visit("agenda", "/agenda/"),
    Visit("seance", "/agenda/seances/{upcoming_session}/"),
    Visit("inscription-confirmee", go=_registration),
    Visit("abonnement-agenda", "/agenda/abonnement/"),
    Visit("professionnels", "/pros/"),
    Visit("demande-etablissement", "/pros/demande/etablissement/"),
    Visit("demande-groupe", "/pros/demande/groupe/"),
    Visit("ressources-pros", "/pros/ressources/"),
    Visit("qui-recrute", "/qui-recrute/"),
    Visit("impact", "/impact/", optional=True),
    Visit("connexion", "/equipe/connexion/"),
    Visit("mot-de-passe-oublie", "/equipe/mot-de-passe/oublie/"),
    Visit("page-introuvable", "/cette-page-n-existe-pas/", status=404),
]

STAFF = [
    Visit("equipe-accueil", "/equipe/", login="mediator"),
    Visit("changer-mot-de-passe", "/equipe/mot-de-passe/", login="mediator"),
    Visit("registre-des-visites", "/equipe/accueil/", login="mediator"),
    Visit("suivis-individuels", "/equipe/accueil/personnes/", login="mediator"),
    Visit("orientations-partenaires", "/equipe/accueil/orientations/", login="mediator"),
    Visit("seances-equipe", "/agenda/equipe/", login="mediator"),
    Visit("orientations-recues", "/equipe/pros/orientations-recues/", login="mediator"),
    Visit("disponibilites", "/equipe/pros/disponibilites/", login="mediator"),
    Visit("demandes-pros", "/equipe/pros/demandes/", login="coordinator"),
    Visit("pointage", "/agenda/equipe/{today_session}/pointage/", login="mediator"),
    Visit("statistiques", "/equipe/statistiques/", login="coordinator", optional=True),
    Visit("chiffres-accueil", "/equipe/accueil/chiffres/", login="coordinator"),
    Visit("recrutement-offres", "/equipe/recrutement/", login="mediator"),
    Visit("recrutement-candidatures", "/equipe/recrutement/candidatures/", login="coordinator"),
    Visit("messages-en-echec", "/equipe/messages/", login="coordinator"),
    Visit("guide-de-style", "/equipe/guide-de-style/", login="mediator"),
]

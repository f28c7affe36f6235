"""The text read to the person before a mediator proposes them for an offer.

It completes the follow-up file's consent (espaces/reception/consent.py), which already says
that an employer the person is oriented to sees their name, contact details and the request.
Each version stays here: a candidacy records the version shown. Add a version, never edit one."""

CONSENT_TEXTS = {
    "2026-01": (
        "Avec votre accord, l'Espace transmet votre candidature à cet employeur : votre nom, vos "
        "coordonnées, le message du médiateur ou de la médiatrice et, si vous le souhaitez, votre "
        "CV. L'employeur répond à l'Espace (entretien, réponse, embauche) ; ces réponses sont "
        "notées dans votre dossier. Votre CV est supprimé six mois après la dernière réponse, "
        "et au plus tard avec votre dossier. Vous pouvez retirer votre candidature à tout moment."
    ),
}
CURRENT_VERSION = "2026-01"


def consent_text(version: str = CURRENT_VERSION) -> str:
    return CONSENT_TEXTS[version]

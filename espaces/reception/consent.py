"""The information text read to (or by) a person before a follow-up file is opened.

Each version stays here: a file records the version that was shown, so that what the person
agreed to can always be found again. Add a new version rather than editing an old one."""

CONSENT_TEXTS = {
    "2025-01": (
        "Pour vous accompagner dans votre projet, l'Espace 20 000 emplois ouvre un dossier de "
        "suivi à votre nom. Il contient vos coordonnées, votre situation (emploi, études, "
        "commune), les freins que vous souhaitez lever et les démarches faites avec vous. "
        "Seule l'équipe des Espaces de la collectivité peut le lire ; quand vous êtes orienté·e "
        "vers un partenaire (France Travail, Mission locale, organisme de formation, "
        "employeur…), ce partenaire voit votre nom, vos coordonnées et la demande. Les questions "
        "sur votre santé, votre origine ou votre logement sont facultatives : vous pouvez ne "
        "pas répondre. Le dossier est effacé 24 mois après notre dernier contact. Vous pouvez à "
        "tout moment le consulter, le faire corriger, en obtenir une copie ou demander son "
        "effacement auprès de l'équipe de l'Espace ou de la coordination."
    ),
}
CURRENT_VERSION = "2025-01"


def consent_text(version: str = CURRENT_VERSION) -> str:
    return CONSENT_TEXTS[version]

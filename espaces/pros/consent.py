"""The information the referring professional reads to the person before referring them.

Versioned like the follow-up files' text (espaces.reception.consent): add a version, never edit
one; each referral keeps the version that was read."""

CONSENT_TEXTS = {
    "2026-12": (
        "Votre conseiller ou conseillère transmet à l'Espace 20 000 emplois votre prénom, un "
        "moyen de vous joindre (téléphone ou courriel), le motif et vos besoins, pour que "
        "l'équipe vous propose un rendez-vous ou un atelier. Seule l'équipe des Espaces lit ces "
        "informations ; la structure qui vous oriente voit seulement où en est l'orientation "
        "(reçue, rendez-vous fixé, venue, orientée, terminée), jamais le contenu de votre "
        "dossier. Elles sont effacées 24 mois après le dernier contact. Vous pouvez les "
        "consulter, les faire corriger ou demander leur effacement auprès de l'Espace."
    ),
}
CURRENT_VERSION = "2026-12"


def consent_text(version: str = CURRENT_VERSION) -> str:
    return CONSENT_TEXTS[version]

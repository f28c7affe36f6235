"""The console e-mail backend used outside DEBUG when EMAIL_URL is `console://` (the default
of `make run`): the server's output is a log, so the message is shown with its addresses,
phone numbers and links masked (a reset or registration link is a key). DEBUG (`make dev`)
keeps Django's full console backend."""

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

from .masking import EMAIL_MASK, mask_personal_data


class MaskedConsoleEmailBackend(ConsoleEmailBackend):
    def write_message(self, message):
        recipients = len(message.recipients())
        lines = [
            f"Subject: {mask_personal_data(str(message.subject))}",
            f"From: {EMAIL_MASK}",
            f"To: {EMAIL_MASK} ({recipients} destinataire{'s' if recipients > 1 else ''})",
            "",
            mask_personal_data(str(message.body)),
        ]
        if getattr(message, "alternatives", None):
            lines.append("[version HTML non affichée]")
        if message.attachments:
            lines.append(f"[{len(message.attachments)} pièce(s) jointe(s) non affichée(s)]")
        self.stream.write("\n".join(lines).rstrip("\n") + "\n")
        self.stream.write("-" * 79)
        self.stream.write("\n")

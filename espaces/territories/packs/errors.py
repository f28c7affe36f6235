from dataclasses import dataclass


@dataclass(frozen=True)
class PackError:
    """One problem in a pack, located precisely enough for an editor to fix it."""

    file: str
    message: str
    line: int | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line:
            parts.append(f"ligne {self.line}")
        if self.record:
            parts.append(f"enregistrement « {self.record} »")
        if self.field:
            parts.append(f"champ « {self.field} »")
        return ", ".join(parts) + f" : {self.message}"


class PackValidationError(Exception):
    def __init__(self, errors: list[PackError], warnings: list[PackError] | None = None):
        self.errors = errors
        self.warnings = warnings or []
        super().__init__("\n".join(str(e) for e in errors))

"""A territory's visual identity (docs/packs.md, « identity ») and the images of its pack:
colour contrast, the /theme.css overrides, and the checks on the files a pack ships."""

import hashlib
import re
from pathlib import Path

MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text
HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
WHITE = "#ffffff"
MAX_MEDIA_BYTES = 1_500_000
MEDIA_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
# What an SVG of a pack may not hold: scripts, event handlers, links to elsewhere.
SVG_FORBIDDEN = re.compile(
    r"<script|<foreignObject|\bon[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_problems(colours: dict[str, str]) -> list[str]:
    """French messages for the colours on which white text is not readable enough."""
    names = {
        "brand": "principale",
        "brand_dark": "principale foncée",
        "accent": "d'accent",
    }
    problems = []
    for key, colour in colours.items():
        if not colour:
            continue
        ratio = contrast_ratio(WHITE, colour)
        if ratio < MIN_CONTRAST:
            problems.append(
                f"la couleur {names.get(key, key)} {colour} donne un contraste de "
                f"{ratio:.2f}:1 avec du texte blanc ; il faut au moins {MIN_CONTRAST}:1 "
                "(WCAG AA) : choisissez une teinte plus foncée"
            )
    return problems


def theme_css(territory) -> str:
    """The custom properties a territory overrides (linked after tokens.css and espaces.css)."""
    pairs = [
        ("--brand", territory.brand_colour),
        ("--brand-dark", territory.brand_dark_colour),
        ("--accent", territory.accent_colour),
    ]
    lines = [f"  {name}: {value};" for name, value in pairs if value]
    if not lines:
        return ""
    return (
        f"/* {territory.name} : couleurs du pack (territory.yaml, identity). */\n"
        ":root {\n" + "\n".join(lines) + "\n}\n"
    )


def theme_version(territory) -> str:
    return hashlib.sha256(theme_css(territory).encode()).hexdigest()[:12]


def has_theme(territory) -> bool:
    return bool(territory.brand_colour or territory.brand_dark_colour or territory.accent_colour)


def media_problem(pack_root: Path, relative: str) -> str | None:
    """Why the pack's file `relative` cannot be shipped as an image, or None."""
    path = (pack_root / relative).resolve()
    if pack_root.resolve() not in path.parents:
        return f"le fichier « {relative} » doit être dans le dossier du pack"
    if path.suffix.lower() not in MEDIA_TYPES:
        allowed = ", ".join(sorted(MEDIA_TYPES))
        return f"le fichier « {relative} » n'est pas une image acceptée ({allowed})"
    if not path.is_file():
        return f"le fichier « {relative} » est introuvable dans le pack"
    size = path.stat().st_size
    if size > MAX_MEDIA_BYTES:
        return (
            f"le fichier « {relative} » pèse {size // 1000} ko : au plus "
            f"{MAX_MEDIA_BYTES // 1000} ko (le budget des pages)"
        )
    if path.suffix.lower() == ".svg":
        text = path.read_text(encoding="utf-8", errors="replace")
        if SVG_FORBIDDEN.search(text):
            return (
                f"le fichier « {relative} » contient un script, un gestionnaire d'événement "
                "ou un lien vers un autre site : un SVG de pack ne contient que du dessin"
            )
    return None


def read_media(pack_root: Path, relative: str) -> tuple[bytes, str, str]:
    """Content, MIME type and SHA-256 of a pack's image (checked by media_problem first)."""
    path = pack_root / relative
    data = path.read_bytes()
    return data, MEDIA_TYPES[path.suffix.lower()], hashlib.sha256(data).hexdigest()


def store_media(ctx, relative: str):
    """The PackMedia row of the pack's file `relative`, created or updated (idempotent)."""
    from .models import PackMedia

    data, content_type, digest = read_media(Path(ctx.path), relative)
    lookup = {"territory": ctx.territory, "path": relative}
    values = {"content_type": content_type, "sha256": digest}
    # The bytes are compared through their digest (PostgreSQL gives back a memoryview).
    if not PackMedia.objects.filter(**lookup, sha256=digest).exists():
        values["data"] = data
    media, _ = ctx.upsert("images du pack", PackMedia, lookup, values)
    return media

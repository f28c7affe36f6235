"""The EU visibility elements required of the beneficiaries of the Just Transition Fund
(Regulation (EU) 2021/1060, Art. 47 and 50, Annex IX): the emblem of the Union with the statement
« Cofinancé par l'Union européenne », on the website and on documents (docs/eu-visibility.md).

The emblem is drawn here from its official geometry (no file fetched from outside): a blue
rectangle 1.5 times as wide as high; twelve gold stars on an invisible circle whose radius is a
third of the height, placed like the hours of a clock; each star's five points on a circle whose
radius is an eighteenth of the height, one point straight up. Colours: Reflex Blue and Yellow."""

import io
import math

from django.utils.translation import gettext_lazy as _

BLUE = "#003399"
YELLOW = "#FFCC00"
STATEMENT = _("Cofinancé par l'Union européenne")
ALT = _("Drapeau de l'Union européenne")


def star_points(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, one point straight up."""
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.radians(-90 + index * 36)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def stars(height: float) -> list[list[tuple[float, float]]]:
    width = height * 1.5
    cx, cy, ring = width / 2, height / 2, height / 3
    return [
        star_points(
            cx + ring * math.cos(math.radians(-90 + hour * 30)),
            cy + ring * math.sin(math.radians(-90 + hour * 30)),
            height / 18,
        )
        for hour in range(12)
    ]


def emblem_svg(height: int = 200) -> str:
    width = round(height * 1.5)
    polygons = "".join(
        '<polygon points="' + " ".join(f"{x:.2f},{y:.2f}" for x, y in star) + f'" fill="{YELLOW}"/>'
        for star in stars(height)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{ALT}">'
        f'<rect width="{width}" height="{height}" fill="{BLUE}"/>{polygons}</svg>\n'
    )


def emblem_png(height: int = 120) -> bytes:
    """The emblem as a PNG (spreadsheets, PDF), drawn with Pillow at four times the size and
    reduced, for smooth edges."""
    from PIL import Image, ImageDraw

    scale = 4
    big = height * scale
    image = Image.new("RGB", (round(big * 1.5), big), BLUE)
    draw = ImageDraw.Draw(image)
    for star in stars(big):
        draw.polygon(star, fill=YELLOW)
    image = image.resize((round(height * 1.5), height), Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# --- the partners' marks next to the emblem (pack `visibility:`) ---------------------------
MARK_ROLES = (
    ("managing_authority", _("Autorité de gestion")),
    ("beneficiary", _("Bénéficiaire")),
)


def marks(territory) -> list[dict]:
    """[{role, role_label, name, alt, data}] of the territory's managing authority and
    beneficiary; `data` (a data: URI) only when the pack ships the logo file — otherwise the
    name is shown as text, never a made-up logo."""
    value = getattr(territory, "eu_visibility", None) or {}
    out = []
    for role, label in MARK_ROLES:
        mark = value.get(role)
        if mark:
            out.append(
                {
                    "role": role,
                    "role_label": label,
                    "name": mark["name"],
                    "alt": mark.get("alt") or mark["name"],
                    "data": mark.get("data", ""),
                }
            )
    return out


def mark_image_bytes(mark: dict) -> tuple[bytes, str] | None:
    """(content, MIME type) of a mark's logo, for the PDF and XLSX."""
    import base64

    data = mark.get("data") or ""
    if not data.startswith("data:") or ";base64," not in data:
        return None
    head, encoded = data.split(";base64,", 1)
    return base64.b64decode(encoded), head[5:]

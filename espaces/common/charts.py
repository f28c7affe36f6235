"""Accessible SVG charts computed on the server (no JavaScript): each chart carries a title,
a text alternative and the rows of its data table."""

from dataclasses import dataclass

BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 190
CHART_WIDTH = 640


@dataclass
class Bar:
    label: str
    value: float
    y: int
    width: float
    muted: bool
    note: str

    @property
    def value_x(self) -> int:
        return round(LABEL_WIDTH + self.width + 6)

    @property
    def bar_width(self) -> int:
        return round(self.width)


def bar_chart(*, title: str, description: str, items: list[dict]) -> dict:
    """Horizontal bars scaled to the largest value."""
    maximum = max((item["value"] for item in items), default=0) or 1
    usable = CHART_WIDTH - LABEL_WIDTH - 90
    bars = [
        Bar(
            label=item["label"],
            value=item["value"],
            y=index * (BAR_HEIGHT + GAP),
            width=max(2, usable * item["value"] / maximum),
            muted=item.get("muted", False),
            note=item.get("note", ""),
        )
        for index, item in enumerate(items)
    ]
    return {
        "title": title,
        "description": description,
        "bars": bars,
        "height": max(1, len(bars)) * (BAR_HEIGHT + GAP),
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "text_y": BAR_HEIGHT - 9,
    }

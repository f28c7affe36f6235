"""Accessible SVG charts computed on the server (no JavaScript): each chart carries a title,
a text alternative and the rows of its data table."""

from dataclasses import dataclass

# Each row: the label on its own line (never clipped, whatever its length), the bar below it.
BAR_HEIGHT = 22
LABEL_HEIGHT = 20
GAP = 12
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + GAP
LABEL_WIDTH = 0
CHART_WIDTH = 640
USABLE_WIDTH = CHART_WIDTH - LABEL_WIDTH - 110


@dataclass
class Bar:
    label: str
    value: float
    y: int
    width: float
    muted: bool
    note: str
    display: str = ""  # text shown instead of the number (« moins de 5 » when suppressed)

    @property
    def value_x(self) -> int:
        return round(LABEL_WIDTH + self.width + 6)

    @property
    def label_y(self) -> int:
        return self.y + LABEL_HEIGHT - 6

    @property
    def bar_y(self) -> int:
        return self.y + LABEL_HEIGHT

    @property
    def value_y(self) -> int:
        return self.y + LABEL_HEIGHT + BAR_HEIGHT - 6

    @property
    def bar_width(self) -> int:
        return round(self.width)

    @property
    def percent(self) -> str:
        """The bar's length in % of the longest one (HTML charts: the label stays text that
        wraps and keeps its size at 360 px, the bar is an SVG of that width)."""
        return f"{max(0.5, min(100.0, 100 * self.width / USABLE_WIDTH)):.1f}"


def bar_chart(*, title: str, description: str, items: list[dict]) -> dict:
    """Horizontal bars scaled to the largest value."""
    maximum = max((item["value"] for item in items), default=0) or 1
    usable = USABLE_WIDTH
    bars = [
        Bar(
            label=item["label"],
            value=item["value"],
            y=index * ROW_HEIGHT,
            width=max(2, usable * item["value"] / maximum),
            muted=item.get("muted", False),
            note=item.get("note", ""),
            display=item.get("display", ""),
        )
        for index, item in enumerate(items)
    ]
    return {
        "title": title,
        "description": description,
        "bars": bars,
        "height": max(1, len(bars)) * ROW_HEIGHT,
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "text_y": BAR_HEIGHT - 9,
    }

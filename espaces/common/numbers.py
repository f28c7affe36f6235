"""Numbers written the French way for staff and funder views: « 747 803 € », « 12,5 % ».

One rule everywhere: NARROW NO-BREAK SPACE (U+202F) between groups of thousands and before the
unit (€, %), a comma before decimals. The PDF maps U+202F to a plain no-break space (its core
font has no narrow space; espaces/stats/pdf.py)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NNBSP = "\u202f"


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _format(number: Decimal, decimals: int) -> str:
    quantized = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    units, _, fraction = f"{abs(quantized):.{decimals}f}".partition(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    return sign + NNBSP.join(groups) + (f",{fraction}" if fraction else "")


def fr_amount(value, decimals: int | None = None) -> str:
    """12000 → « 12 000 »; 12.5 → « 12,5 »; Decimal('747803.00') → « 747 803 ».

    `decimals` fixes the number of decimals; by default whole numbers show none and others one
    or two (trailing zeros dropped). A value that is not a number comes back as text."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if decimals is not None:
        return _format(number, decimals)
    if number == number.to_integral_value():
        return _format(number, 0)
    text = _format(number, 2)
    return text.rstrip("0").rstrip(",")


def fr_euros(value) -> str:
    """747803.00 → « 747 803 € »; 885924.9 → « 885 924,90 € »; None → « — »."""
    number = _decimal(value)
    if number is None:
        return "—"
    whole = number == number.to_integral_value()
    return f"{_format(number, 0 if whole else 2)}{NNBSP}€"


def fr_percent(value, *, ratio: bool = True) -> str:
    """0.125 → « 12,5 % »; 0.5 → « 50 % » (`ratio=False`: the value is already a percentage);
    None → « — »."""
    number = _decimal(value)
    if number is None:
        return "—"
    if ratio:
        number *= 100
    text = _format(number, 1)
    if text.endswith(",0"):
        text = text[:-2]
    return f"{text}{NNBSP}%"

"""Hypothesis strategies for hostile form input: what people paste, what scripts send."""

from hypothesis import strategies as st

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u200b",
    "\ufeff",
    "' OR 1=1 --",
    "'; DROP TABLE accounts_user; --",
    '"><script>alert(1)</script>',
    "{{ 7*7 }}",
    "{% debug %}",
    "%00",
    "%",
    "_",
    "\\",
    "../../../etc/passwd",
    "𝕊𝕠𝕦𝕕𝕖𝕦𝕣",
    "🙂" * 50,
    "é" * 5000,
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2025-02-30",
    "99999999999999999999",
    "true",
    "null",
    "[]",
    "{}",
]

# Every code point a browser can send except lone surrogates (not encodable).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)


def junk() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NASTY), any_text)


def field(valid: list[str] | None = None) -> st.SearchStrategy[str]:
    """A form value: often a valid one (to get past the first error), otherwise junk."""
    if valid:
        return st.one_of(st.sampled_from(valid), junk())
    return junk()


def multi(valid: list[str] | None = None) -> st.SearchStrategy[list[str]]:
    return st.lists(field(valid), max_size=4)


def form_data(draw, spec: dict[str, list[str]]) -> dict[str, str]:
    """A whole form: valid values except for a few fields (often one, sometimes none, sometimes
    all) that get junk, and sometimes a field left out."""
    names = sorted(spec)
    corrupted = draw(
        st.one_of(
            st.just(set()),
            st.sets(st.sampled_from(names), min_size=1, max_size=1),
            st.sets(st.sampled_from(names), max_size=len(names)),
        )
    )
    values = {}
    for name in names:
        if name in corrupted or not spec[name]:
            values[name] = draw(junk())
        else:
            values[name] = draw(st.sampled_from(spec[name]))
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        values.pop(draw(st.sampled_from(names)))
    return values

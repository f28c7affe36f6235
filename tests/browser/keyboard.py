"""Moving through a page with the keyboard alone, as a person without a mouse does, checking
on the way that every element that takes the focus shows it."""

AUTOFOCUS_DONE = """() => {
  const target = document.querySelector('[autofocus]');
  return !target || document.activeElement === target;
}"""


def settle(page) -> None:
    """Waits for the page to load and for its `autofocus` element, if any, to hold the focus:
    Chromium applies autofocus a moment after the load event, and a key pressed in between
    would land elsewhere and then lose its focus to the heading."""
    page.wait_for_load_state("load")
    page.wait_for_function(AUTOFOCUS_DONE, timeout=5000)


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  // The calendar button inside a date field holds the focus without the field matching :focus.
  const inner = !el.matches(':focus');
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 120),
    href: el.getAttribute('href') || '',
    type: el.getAttribute('type') || '',
    name: el.getAttribute('name') || '',
    value: el.getAttribute('value') || '',
    visible: outline || shadow || inner,
  };
}"""


class FocusNotFound(AssertionError):
    pass


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page, match, *, limit: int = 120, backwards: bool = False) -> dict:
    """Presses Tab (Shift+Tab) until the focused element satisfies `match(element)`; fails if
    an element takes the focus without showing it, or after `limit` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        element = focused(page)
        if element is None:
            continue
        assert element["visible"], f"focus invisible sur {element}"
        seen.append(element["text"] or element["href"] or element["tag"])
        if match(element):
            return element
    raise FocusNotFound(f"introuvable au clavier après {limit} tabulations : {seen[-15:]}")


def text_starts(prefix: str):
    return lambda element: element["text"].startswith(prefix)


def href_contains(part: str, tag: str = "a"):
    return lambda element: element["tag"] == tag and part in element["href"]

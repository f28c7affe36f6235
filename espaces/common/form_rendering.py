"""Form widgets drawn faster (issue SPEED).

Django draws every widget with its form templates: an `<input>` takes two templates
(`input.html` and `attrs.html`), about 40 µs, paid for every field of every form at every
request. `input_html()` writes the same HTML in Python; `FormRenderer` (settings.FORM_RENDERER)
uses it for the widgets whose template is only an `<input>` (text, number, e-mail, date, time…)
and Django's templates for the others (selects, text areas, lists of choices). The desk's radio
choices use it too (`radio_input`, espaces/common/templatetags/espaces_tags.py). Tests compare
both outputs (tests/common/test_form_rendering.py)."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Django's widget templates that are `{% include "django/forms/widgets/input.html" %}` alone.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "color",
        "checkbox",
        "file",
    )
)


def input_html(widget: dict) -> SafeString:
    """The `<input>` of a widget's context (`widget` of Widget.get_context(), or a choice's
    `data`), as django/forms/widgets/input.html draws it."""
    parts = [f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{escape(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is True:
            parts.append(f" {escape(name)}")
        elif value is not False:
            parts.append(f' {escape(name)}="{escape(value)}"')
    parts.append(">")
    return mark_safe("".join(parts))


class FormRenderer(DjangoTemplates):
    """Django's default renderer, with `<input>` widgets drawn by input_html()."""

    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        return super().render(template_name, context, request=request)

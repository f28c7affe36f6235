"""`{% load fast_i18n %}`: Django's `i18n` template library with `{% translate "literal" %}`
remembered (issue SPEED). The project's templates load it instead of `i18n`.

A team page draws about sixty `{% translate %}` tags; each one looks up the active translation
through two layers of thread-local state, escapes and formats the message again: about 8 µs,
half a millisecond a page. The text of a literal message only depends on the message, the
language and whether the template escapes, so this library keeps it per process. Everything else
(variables, filters, contexts, `as` variables, `noop`, `blocktranslate` and the other tags) is
Django's own: the library holds all of `i18n`'s tags and filters."""

from django import template
from django.templatetags.i18n import TranslateNode, do_translate
from django.templatetags.i18n import register as django_i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(django_i18n.tags)
register.filters.update(django_i18n.filters)

_texts: dict[tuple, str] = {}
_LIMIT = 20_000  # distinct (message, language, escaping): a few thousand in practice


class RememberedTranslateNode(TranslateNode):
    def render(self, context):
        key = (self.filter_expression.var.literal, get_language(), context.autoescape)
        text = _texts.get(key)
        if text is None:
            text = super().render(context)
            if len(_texts) < _LIMIT:
                _texts[key] = text
        return text


def _remembered(parser, token):
    node = do_translate(parser, token)
    var = node.filter_expression.var
    plain = (
        not node.noop
        and node.asvar is None
        and node.message_context is None
        and not node.filter_expression.filters
        and getattr(var, "literal", None) is not None
        and isinstance(var.literal, str)
    )
    if plain:
        node.__class__ = RememberedTranslateNode
    return node


register.tag("translate", _remembered)
register.tag("trans", _remembered)

"""`{% cache_if CONDITION SECONDS "name" vary… using="fragments" %}…{% endcache_if %}`: Django's
`{% cache %}` when CONDITION is true, the content drawn afresh otherwise — for a part of a page
that is the same for everyone only in one state (a blank form: the desk's fields before anything
is typed; with errors or a visit's values it is drawn each time). docs/architecture.md, « Caches »."""

from django import template
from django.templatetags.cache import CacheNode

register = template.Library()


class CacheIfNode(CacheNode):
    def __init__(self, condition, nodelist, *args):
        super().__init__(nodelist, *args)
        self.condition = condition

    def render(self, context):
        if self.condition.resolve(context, ignore_failures=True):
            return super().render(context)
        return self.nodelist.render(context)


@register.tag("cache_if")
def do_cache_if(parser, token):
    nodelist = parser.parse(("endcache_if",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 4:
        raise template.TemplateSyntaxError(
            f"'{tokens[0]}' takes a condition, a timeout and a fragment name at least."
        )
    cache_name = None
    if tokens[-1].startswith("using="):
        cache_name = parser.compile_filter(tokens.pop()[len("using=") :])
    condition = parser.compile_filter(tokens[1])
    return CacheIfNode(
        condition,
        nodelist,
        parser.compile_filter(tokens[2]),
        tokens[3],  # fragment name: a literal, as in {% cache %}
        [parser.compile_filter(t) for t in tokens[4:]],
        cache_name,
    )

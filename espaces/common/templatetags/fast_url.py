"""`{% url %}` with its results remembered (issue SPEED).

Django's `reverse()` walks the URL resolver on every call: a page with its header, footer and
a list of 30 rows with two links each spent a few milliseconds in it. Its result only depends
on the view name, the arguments, the current application, the URLconf and the script prefix, so
this tag — registered as a template builtin after Django's own (config/settings/base.py), hence
replacing `{% url %}` in every template — keeps it per process for arguments that are plain
integers and strings. Anything else (objects, lazy values), and names that do not reverse, go
through Django's tag unchanged."""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.utils.html import conditional_escape

from espaces.common.urls import cached_reverse

register = template.Library()


class CachedURLNode(URLNode):
    def render(self, context):
        if self.asvar:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        try:
            url = cached_reverse(view_name, args, kwargs, current_app)
        except TypeError:  # an unhashable argument
            url = None
        if url is None:
            return super().render(context)
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)

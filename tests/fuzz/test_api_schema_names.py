"""django-ninja names each OpenAPI component after its Schema class: two classes with the same
name in different API modules silently replace one another in /api/v1/openapi.json, and an
endpoint is then documented with the other one's fields (what Schemathesis reports as
responses violating the schema). Schema class names must therefore be unique."""

from collections import defaultdict

from ninja import Schema


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_api_schema_class_names_are_unique():
    from espaces.api.api import api

    api.get_openapi_schema()  # imports every router module
    by_name = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("espaces."):
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    duplicates = {name: sorted(paths) for name, paths in by_name.items() if len(paths) > 1}
    assert not duplicates, (
        "Noms de schémas d'API en double (renommez l'un des deux, par exemple avec le nom du "
        f"domaine en préfixe) : {duplicates}"
    )

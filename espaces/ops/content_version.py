"""The content version: one token per territory (and one for the whole deployment) kept in the
shared cache (CACHE_URL), changed whenever public content changes (docs/architecture.md,
« Caches »).

Everything derived from content and kept between requests is keyed by it: the public pages
(espaces/ops/page_cache.py), the template fragments (`{% cache … content_version %}`), the
catalogue's search index (espaces/catalogue/search.py) and the network's closed months
(espaces/network/selectors.py). A pack load, an edit in the admin or in the back office saves a
content model: the signals below change the token, and every app server and worker, which all
read the same cache, sees the new token at its next request and stops using what it kept. Nothing
has to be deleted: entries under an old token are never read again and expire.

The token changes at once (the process that edits sees it in the same request) and again when
the transaction commits, so that another process that rebuilt from the database in between
(still seeing the old rows) does not keep that rebuild under the final token."""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

ALL = "*"
PREFIX = "espaces:contenu:"
# Apps whose models are public content; the models below hold people's data or volatile state
# (registrations, answers, candidacies): saving them changes no public page's shared parts.
CONTENT_APPS = {"territories", "catalogue", "services", "events", "rome", "recruitment"}
# Models of other apps that are content too: the desk's channels and purposes (kept with the
# visit rules of espaces/reception/visit_rules.py).
CONTENT_MODELS = {"reception.visitoption"}
NOT_CONTENT = {
    "events.registration",
    "events.surveyresponse",
    "recruitment.candidacy",
    "recruitment.candidacyevent",
    "services.servicereview",
}


def _key(territory_id) -> str:
    return f"{PREFIX}{territory_id}"


def _token(key: str, known: dict) -> str:
    value = known.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex[:16], timeout=None)
        value = cache.get(key) or ""
    return value


def current(territory_id=ALL) -> str:
    """The version of a territory's content: the deployment's token (changed by any edit,
    including the ROME referential shared by every territory) and the territory's own; with ALL,
    the deployment's token alone. Tokens are made on first use."""
    keys = [_key(ALL)] if territory_id == ALL else [_key(ALL), _key(territory_id)]
    known = cache.get_many(keys)
    return ".".join(_token(key, known) for key in keys)


def _write(territory_ids) -> None:
    tokens = {_key(t): uuid.uuid4().hex[:16] for t in set(territory_ids) | {ALL}}
    cache.set_many(tokens, timeout=None)


def _after_commit_pending(connection) -> bool:
    return any(
        getattr(func, "espaces_content_version", False)
        for _sids, func, _robust in connection.run_on_commit
    )


_pending: dict[str, set] = {}


def _flush_for(alias: str):
    def flush() -> None:
        _write(_pending.pop(alias, set()))

    flush.espaces_content_version = True
    return flush


def bump(territory_id=None, *, using: str = "default") -> None:
    """Content of `territory_id` (None: of every territory) changed: a new token now, and again
    when the current transaction commits."""
    ids = {territory_id} if territory_id is not None else set()
    _write(ids)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        _pending.setdefault(using, set()).update(ids)
        if not _after_commit_pending(connection):
            transaction.on_commit(_flush_for(using), using=using)


SEATS = f"{PREFIX}places"
# Saving these changes the seats left shown in lists (the agenda) and the activity figures
# (/impact/): their own version, so that a registration or a candidacy does not throw away every
# cached page of content.
SEATS_MODELS = {
    "events.registration",
    "events.session",
    "recruitment.candidacy",
    "recruitment.candidacyevent",
}


def seats_version() -> str:
    """The activity version: seats left of every session, attendance, candidacies (changed by
    any registration or candidacy)."""
    return _token(SEATS, cache.get_many([SEATS]))


def _bump_seats(using: str) -> None:
    cache.set(SEATS, uuid.uuid4().hex[:16], timeout=None)
    transaction.on_commit(
        lambda: cache.set(SEATS, uuid.uuid4().hex[:16], timeout=None), using=using
    )


def _territory_of(instance):
    if instance.__class__.__name__ == "Territory" and instance._meta.app_label == "territories":
        return instance.pk
    return getattr(instance, "territory_id", None)


def _is_content(model) -> bool:
    meta = model._meta
    if meta.label_lower in CONTENT_MODELS:
        return True
    return meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT


def _on_change(sender, instance=None, using="default", **kwargs):
    if sender._meta.label_lower in SEATS_MODELS:
        _bump_seats(using or "default")
    if not _is_content(sender) or getattr(instance, "_meta", None) is None:
        return
    bump(_territory_of(instance), using=using or "default")


def _on_m2m(sender, instance=None, using="default", action="", **kwargs):
    if not action.startswith("post_"):
        return
    if not (_is_content(sender) or _is_content(type(instance))):
        return
    bump(_territory_of(instance), using=using or "default")


def connect() -> None:
    """Called once from OpsConfig.ready(): watch every content model."""
    post_save.connect(_on_change, dispatch_uid="espaces-content-version-save")
    post_delete.connect(_on_change, dispatch_uid="espaces-content-version-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="espaces-content-version-m2m")

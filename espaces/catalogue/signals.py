"""Drop this process's search indexes as soon as what they index changes.

Other processes notice the change through the signature checked on every search
(search._metier_signature); this makes the change visible at once in the process that made it,
including changes the signature cannot see (links to ROME codes and sectors)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from espaces.rome.models import RomeAppellation, RomeFiche
from espaces.territories.models import Sector

from . import search
from .models import Metier


def _drop_metier_indexes(**kwargs):
    with search._cache_lock:
        for key in [k for k in search._cache if isinstance(k, tuple) and k[0] == "metiers"]:
            del search._cache[key]


for model in (Metier, Sector, RomeFiche):
    post_save.connect(_drop_metier_indexes, sender=model, dispatch_uid=f"search-{model.__name__}")
    post_delete.connect(
        _drop_metier_indexes, sender=model, dispatch_uid=f"search-del-{model.__name__}"
    )
for through in (Metier.rome_fiches.through, Metier.sectors.through):
    m2m_changed.connect(_drop_metier_indexes, sender=through, dispatch_uid=f"search-{through}")


@receiver(post_save, sender=RomeAppellation, dispatch_uid="search-appellation")
@receiver(post_delete, sender=RomeAppellation, dispatch_uid="search-appellation-del")
def _drop_all_indexes(**kwargs):
    search.clear_cache()

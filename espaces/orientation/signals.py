"""Drop this process's catalogue indexes of the orientation when a row is edited in place.

Every request checks a signature of the catalogue (selectors._local_signature_sql): counts and
last ids catch inserts and deletes, `updated_at` catches edits of sheets, projects, sectors and
sources. An edit of a child row alone (a training, a condition, a project link, a figure) leaves
the signature as it was: the process that made it forgets its indexes here. (The admin saves the
parent with its inlines, and a pack load replaces changed children, so other processes see it.)"""

from django.db.models.signals import post_save

from espaces.catalogue.models import MetierCondition, MetierProject, Training
from espaces.territories.models import ProjectFigure

from . import selectors


def _drop(**kwargs):
    selectors.drop_local_indexes()


for model in (MetierCondition, MetierProject, Training, ProjectFigure):
    post_save.connect(_drop, sender=model, dispatch_uid=f"orientation-{model.__name__}")

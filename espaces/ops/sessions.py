"""Database sessions (settings.SESSION_ENGINE), read with one plain SELECT (issue SPEED).

Every request of a signed-in team member reads its session row: through the ORM, building and
compiling that query cost about 0.25 ms on the 2-core test machine — a tenth of a team page.
This store is Django's database store (same table, same writes, same expiry and key checks),
only its read is one parameterised SELECT of the row's data. Sessions stay in the database so
that a logout ends them on every app server at once (docs/security.md)."""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])

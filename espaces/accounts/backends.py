"""The sign-in backend: Django's ModelBackend whose read of the signed-in account, done at every
request of a team member, is a prepared read (espaces/common/prepared.py; issue SPEED: 0.05 ms
instead of 0.25 ms). Passwords, permissions and `is_active` work as in Django."""

from django.contrib.auth.backends import ModelBackend

from espaces.common.prepared import prepared_read

from .models import User


@prepared_read
def _account(*, pk):
    return User._default_manager.filter(pk=pk)


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = _account.first(pk=int(user_id))
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None

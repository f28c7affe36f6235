"""A small cache-based limit on public submissions (form and API), per client address and
hour: enough to stop a script filling the coordinators' queue, never a problem for a school."""

from django.core.cache import cache
from django.utils import timezone

from espaces.ops.client_ip import client_ip

from .conf import request_rate_limit


def allow(request, scope: str) -> bool:
    """Count this submission; False once the address went over the hourly limit."""
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"pros-rate:{scope}:{client_ip(request) or 'inconnu'}:{hour}"
    if cache.add(key, 1, timeout=3600):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=3600)
            count = 1
    return count <= request_rate_limit()

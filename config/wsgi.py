import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()

# Django and the app's modules stay for the worker's whole life: out of the garbage collector's
# way (espaces/ops/memory.py), as OpenFisca and the indexes will be once loaded.
from espaces.ops import memory  # noqa: E402

memory.enable()

# Load OpenFisca-France's tax-benefit system (about 3 s) in the background as each worker starts,
# so that the first person to use the income simulator does not wait for it (docs/gains.md).
if os.environ.get("ESPACES_GAINS_WARM_UP", "1") == "1":
    import threading

    from espaces.gains.engine import warm_up_quietly

    threading.Thread(target=warm_up_quietly, name="openfisca-warm-up", daemon=True).start()

import pytest
from asgiref.local import Local

from espaces.events import sms
from tests.factories import TerritoryFactory


class BrokenEmailBackend:
    """A mail server that refuses everything, naming the recipient in its error (as SMTP
    servers do): the queue must record the failure without the address."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(f"550 unknown user {messages[0].to[0]} (tel +33612345678)")


@pytest.fixture(autouse=True)
def messaging_settings(settings):
    settings.SMS_BACKEND = "locmem"
    sms.outbox.clear()
    yield settings
    sms.outbox.clear()


@pytest.fixture
def territory(db, settings):
    territory = TerritoryFactory(slug="agglo", name="Agglomération de test", short_name="Agglo")
    settings.ESPACES_TERRITORY = territory.slug
    return territory


@pytest.fixture
def broken_mail(settings):
    settings.EMAIL_BACKEND = "tests.messaging.conftest.BrokenEmailBackend"
    return settings


def _reset_task_backends():
    from django_tasks import task_backends

    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def deferred_backend(settings):
    """A backend that keeps tasks instead of running them, like the database backend of
    production (it accepts `run_after`)."""
    from espaces.messaging.tasks import send_outbound_message

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _reset_task_backends()
    backend = send_outbound_message.get_backend()
    yield backend
    backend.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _reset_task_backends()

"""PRIVACY review case: the attendance CSV carried formulas (a name « ;=4+4 » opened as a
formula in a spreadsheet with « ; » as separator). Every cell is neutralised."""

import csv
import io

import pytest

from espaces.events.services import registration_create
from tests.common.test_spreadsheet import _dangerous
from tests.factories import UserFactory

from .conftest import person


@pytest.mark.parametrize("payload", [";=4+4", "=4+4", "+4+4", "-4+4", "@SUM(1+1)", "\t=1+1"])
def test_attendance_csv_holds_no_formula(client, territory, session, payload):
    client.force_login(UserFactory(role="mediator", territory=territory))
    registration_create(session=session, **person(1, first_name=payload, last_name=payload))
    response = client.get(f"/agenda/equipe/{session.pk}/emargement.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    # _dangerous also looks after each « ; » or « , » (a French spreadsheet's separators)
    assert not [c for c in cells if _dangerous(c)], cells
    assert any("4+4" in c or "1+1" in c for c in cells)  # the name is there, as text

"""The rows of the list of follow-up files (templates/reception/staff/beneficiary_list.html),
drawn in Python.

The list holds names: it is never cached, so it is drawn at every request. With the template
engine its 25 rows cost about 80 µs each (a link, filters, a date, a choice label); here, from
the dictionaries of selectors.beneficiary_list() and with `format_html` as Django's admin draws
its change lists, about 10 µs (issue SPEED). tests/reception/test_beneficiaries.py checks the
rows' content and escaping."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from espaces.common.models import choice_labels
from espaces.common.urls import cached_reverse

from .models import Beneficiary, employment_status_detail


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""  # as |date:"d/m/Y"


def beneficiary_rows(files) -> str:
    """`<tr>` of the files: name (linked to the file) and exit, situation at entry, commune,
    referent, last contact, referrals waiting for an answer."""
    statuses = choice_labels(Beneficiary._meta.get_field("employment_status"))
    exited = gettext("sorti·e le")
    rows = []
    for f in files:
        url = cached_reverse("reception:beneficiary_detail", [f["pk"]], {}, None)
        exit_note = (
            format_html('<br><span class="small">{} {}</span>', exited, _day(f["exited_on"]))
            if f["exited_on"]
            else ""
        )
        status = f["employment_status"]
        situation = employment_status_detail(
            statuses.get(status, status), f["long_term_unemployed"], f["self_employed"]
        )
        referent = (f["referent__first_name"] or f["referent__email"]) if f["referent_id"] else "—"
        rows.append(
            format_html(
                '\n    <tr>\n      <th scope="row"><a href="{}">{} {}</a>{}</th>\n'
                "      <td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n"
                "      <td>{}</td>\n    </tr>",
                url,
                f["last_name"].upper(),
                f["first_name"],
                exit_note,
                situation,
                f["commune__name"] or "—",
                referent,
                _day(f["last_contact_on"]),
                f["open_referrals"],
            )
        )
    return mark_safe("".join(rows))

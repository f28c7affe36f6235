"""The rows of the list of follow-up files (templates/reception/staff/beneficiary_list.html),
drawn in Python.

The list holds names: it is never cached, so it is drawn at every request. With the template
engine its 25 rows cost about 80 µs each (a link, filters, a date, a choice label); here, from
the dictionaries of selectors.beneficiary_list() and with `row_html` (Django's format_html
without its overhead, espaces/common/html_rows.py), a few µs (issue SPEED). tests/reception/test_beneficiaries.py checks the
rows' content and escaping."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from espaces.common.html_rows import row_html
from espaces.common.models import choice_labels
from espaces.common.urls import reverser

from .models import Beneficiary, employment_status_detail


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""  # as |date:"d/m/Y"


def beneficiary_rows(files) -> str:
    """`<tr>` of the files: name (linked to the file) and exit, situation at entry, commune,
    referent, last contact, referrals waiting for an answer."""
    statuses = choice_labels(Beneficiary._meta.get_field("employment_status"))
    exited = gettext("sorti·e le")
    detail = reverser("reception:beneficiary_detail")
    rows = []
    for f in files:
        url = detail(f["pk"])
        exit_note = (
            row_html('<br><span class="small">{} {}</span>', exited, _day(f["exited_on"]))
            if f["exited_on"]
            else ""
        )
        status = f["employment_status"]
        situation = employment_status_detail(
            statuses.get(status, status), f["long_term_unemployed"], f["self_employed"]
        )
        referent = (f["referent__first_name"] or f["referent__email"]) if f["referent_id"] else "—"
        rows.append(
            row_html(
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


def today_items(visits, *, today) -> str:
    """`<li>` of the desk's « Mes saisies du jour » (templates/reception/staff/desk.html): time,
    public, group, purpose, another day's date, and the links to correct or delete the entry.
    A mediator's day holds tens of entries, drawn at every visit of the desk."""
    group_of, visit_of = gettext("· groupe de"), gettext("· visite du")
    correct, delete, entry_of = gettext("Corriger"), gettext("Supprimer"), gettext("la saisie de")
    edit_url, delete_url = reverser("reception:visit_edit"), reverser("reception:visit_delete")
    items = []
    for v in visits:
        hour = v.time.strftime("%H:%M") if v.time else ""  # as |time:"H:i"
        details = [
            row_html("<strong>{}</strong> · {}", hour or "—", v.get_public_category_display())
        ]
        if v.group_size > 1:
            details.append(row_html(" {} {}", group_of, v.group_size))
        if v.purpose:
            details.append(row_html(" · {}", v.purpose_label))
        if v.date != today:
            details.append(row_html(" {} {}", visit_of, _day(v.date)))
        links = [
            row_html(
                '<a class="button button-secondary button-small" href="{}">{}<span '
                'class="visually-hidden"> {} {}</span></a>',
                url(v.pk),
                label,
                entry_of,
                hour,
            )
            for url, label in ((edit_url, correct), (delete_url, delete))
        ]
        items.append(
            row_html(
                '\n    <li>\n      <span>{}</span>\n      <span class="inline-actions">\n'
                "        {}\n        {}\n      </span>\n    </li>",
                mark_safe("".join(details)),
                links[0],
                links[1],
            )
        )
    return mark_safe("".join(items))

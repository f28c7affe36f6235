"""The rows of the team's roster (templates/events/staff/session_detail.html), drawn in Python.

The roster holds names and contacts: it is never cached, so it is drawn at every request. With
the template engine each row cost about 80 µs (fifteen tags, a cancel form with its own link and
CSRF field); here, with `row_html` (Django's format_html without its overhead,
espaces/common/html_rows.py), a few µs (issue SPEED). Same HTML as the template it replaces; tests/events/test_views_staff.py checks
the rows' content and escaping."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from espaces.common.html_rows import row_html
from espaces.common.urls import reverser

from .templatetags.events_tags import fr_date


def _csrf_field(token: str) -> SafeString:
    return row_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def confirmed_rows(registrations, *, session_pk: int, has_ended: bool, csrf_token: str) -> str:
    """`<tr>` of the confirmed registrations: name (and class), contact, public, seats,
    attendance, and — before the end — the form that cancels the registration."""
    csrf = _csrf_field(csrf_token)
    cancel_url = reverser("events:staff_registration_cancel")
    cancel, of = gettext("Annuler"), gettext("l'inscription de")
    rows = []
    for r in registrations:
        name = r.display_name
        school = ""
        if r.school_id:
            level = row_html(" · {}", r.get_class_level_display()) if r.class_level else ""
            school = row_html('<br><span class="small">{}{}</span>', r.school.name, level)
        contact = row_html(
            "{}{}{}", r.email, mark_safe("<br>") if r.email and r.phone else "", r.phone
        )
        action = ""
        if not has_ended:
            action = row_html(
                '<form method="post" action="{}" data-confirm="Annuler l\'inscription de {} ? '
                'Un message lui est envoyé si elle a donné un courriel ou un portable.">{}'
                '<button type="submit" class="button-secondary">{}<span class="visually-hidden">'
                " {} {}</span></button></form>",
                cancel_url(session_pk, r.pk),
                name,
                csrf,
                cancel,
                of,
                name,
            )
        rows.append(
            row_html(
                '\n    <tr>\n      <th scope="row">{}{}</th>\n      <td class="small">{}</td>\n'
                '      <td class="small">{}</td>\n      <td>{}</td>\n      <td>{}</td>\n'
                "      <td>{}</td>\n    </tr>",
                name,
                school,
                contact,
                r.get_public_category_display() or "—",
                r.seats,
                r.get_attendance_display(),
                action,
            )
        )
    return mark_safe("".join(rows))


def waiting_items(registrations, *, session_pk: int, has_ended: bool, csrf_token: str) -> str:
    """`<li>` of the waiting list: name, contact, when asked, and the form that removes them."""
    csrf = _csrf_field(csrf_token)
    cancel_url = reverser("events:staff_registration_cancel")
    asked, remove, from_list = gettext("— demandé le"), gettext("Retirer"), gettext("de la liste")
    items = []
    for r in registrations:
        name = r.display_name
        action = ""
        if not has_ended:
            action = row_html(
                '<form method="post" action="{}" class="inline" data-confirm="Retirer {} de la '
                'liste d\'attente ?">{}<button type="submit" class="button-secondary">{}'
                '<span class="visually-hidden"> {} {}</span></button></form>',
                cancel_url(session_pk, r.pk),
                name,
                csrf,
                remove,
                name,
                from_list,
            )
        items.append(
            row_html(
                '<li>{} <span class="small">{} {} {} {}</span>\n    {}</li>',
                name,
                r.email,
                r.phone,
                asked,
                fr_date(r.created_at, "j/m à H:i"),
                action,
            )
        )
    return mark_safe("".join(items))

from django.contrib import admin
from django.urls import include, path

from espaces.api.api import api
from espaces.common.styleguide import styleguide
from espaces.common.views import about, switch_language
from espaces.kiosk.views import favicon

admin.site.site_header = "Espaces 20 000 emplois — administration"
admin.site.site_title = "Espaces — administration"

urlpatterns = [
    path("", include("espaces.territories.urls")),
    path("metiers/", include("espaces.catalogue.urls")),
    path("lever-les-freins/", include("espaces.services.urls")),
    path("orientation/", include("espaces.orientation.urls")),
    path("agenda/", include("espaces.events.urls")),
    path("et-si-je-travaillais/", include("espaces.gains.urls")),
    path("impact/", include("espaces.stats.public_urls")),
    path("reseau/", include("espaces.network.urls")),
    path("pros/", include("espaces.pros.urls")),
    path("equipe/accueil/", include("espaces.reception.urls")),
    path("", include("espaces.recruitment.urls")),
    path("equipe/pros/", include("espaces.pros.staff_urls")),
    path("equipe/statistiques/", include("espaces.stats.urls")),
    path("equipe/services/", include("espaces.services.staff_urls")),
    path("equipe/metiers/", include("espaces.catalogue.staff_urls")),
    path("equipe/securite/", include("espaces.ops.urls")),
    path("equipe/messages/", include("espaces.messaging.urls")),
    path("equipe/guide-de-style/", styleguide, name="styleguide"),
    path("equipe/", include("espaces.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("sante/", include("espaces.ops.health_urls")),
    path("borne/", include("espaces.kiosk.urls")),
    path("langue/<str:code>/", switch_language, name="switch_language"),
    path("a-propos/", about, name="about"),
    path("favicon.ico", favicon),
]

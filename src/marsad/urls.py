from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from marsad.accounts.forms import AdminLoginForm

admin.site.site_header = admin.site.site_title = "Marsad · مرصد"
admin.site.login_form = AdminLoginForm  # the same sign-in rate limit as the app's own page

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("marsad.web.urls")),
    path("", include("marsad.accounts.urls")),
    path("", include("marsad.transfer.urls")),
    path("", include("marsad.dashboards.urls")),
    path("", include("marsad.desk.urls")),
    path("", include("marsad.entry.urls")),
    path("", include("marsad.review.urls")),
    path("", include("marsad.crosscheck.urls")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

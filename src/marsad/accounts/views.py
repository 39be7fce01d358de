from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from marsad.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "marsad/accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", "throttled"):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("web:home")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "marsad/accounts/password_change.html"
    success_url = reverse_lazy("web:home")

from django.urls import path
from django.views.generic import TemplateView

app_name = "accounts"
_todo = TemplateView.as_view(template_name="base.html")
urlpatterns = [
    path(f"{name}/", _todo, name=name)
    for name in ["login", "logout", "profile", "password_change", "two_factor", "user_list"]
]

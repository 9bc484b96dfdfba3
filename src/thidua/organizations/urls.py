from django.urls import path
from django.views.generic import TemplateView

app_name = "organizations"
_todo = TemplateView.as_view(template_name="base.html")
urlpatterns = [
    path("tree/", _todo, name="org_tree"),
    path("<int:pk>/", _todo, name="org_detail"),
    path("members/", _todo, name="member_list"),
    path("members/<int:pk>/", _todo, name="member_detail"),
    path("officers/", _todo, name="officer_board"),
]

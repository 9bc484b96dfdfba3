from django.urls import path

from thidua.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.index, name="index"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics/awards.xlsx", views.export_awards, name="export_awards"),
    path("statistics/<slug:table>.xlsx", views.export_table, name="export_table"),
]

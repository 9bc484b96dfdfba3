from django.urls import path

from thidua.privacy import views

app_name = "privacy"

urlpatterns = [
    path("members/<int:pk>/export.zip", views.member_export, name="member_export"),
    path("members/<int:pk>/anonymise/", views.member_anonymise, name="member_anonymise"),
]

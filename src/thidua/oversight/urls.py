app_name = "oversight"
urlpatterns = []

app_name = "movements"
urlpatterns = []

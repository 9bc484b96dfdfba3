app_name = "council"
urlpatterns = []

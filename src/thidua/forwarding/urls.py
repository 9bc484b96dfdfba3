app_name = "forwarding"
urlpatterns = []

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForwardingConfig(AppConfig):
    name = "thidua.forwarding"
    label = "forwarding"
    verbose_name = _("Upper levels")

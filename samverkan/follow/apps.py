from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowConfig(AppConfig):
    name = "samverkan.follow"
    label = "follow"
    verbose_name = _("Calendars and following")

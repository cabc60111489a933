from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import User

from samverkan.backoffice.site import AdministratorOnlyAdmin, admin_site


class SamverkanUserAdmin(AdministratorOnlyAdmin, UserAdmin):
    pass


class SamverkanAuthGroupAdmin(AdministratorOnlyAdmin, GroupAdmin):
    pass


admin_site.register(User, SamverkanUserAdmin)
admin_site.register(AuthGroup, SamverkanAuthGroupAdmin)

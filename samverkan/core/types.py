"""Types the layers share. Annotations only: nothing here changes what the code does."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

# Whoever acts or asks: request.user, a service's actor, or nobody (a command, a data loader).
AnyUser: TypeAlias = User | AnonymousUser | None

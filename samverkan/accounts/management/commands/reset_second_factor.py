from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from samverkan.accounts import second_factor


class Command(BaseCommand):
    help = (
        "Remove a person's authenticator app and recovery codes (they lost both). They set "
        "up a new one at their next sign-in if their role requires it. Audited."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, **options) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No account named {options['username']}.")
        second_factor.reset(user=user)
        self.stdout.write(f"Two-factor sign-in removed for {user.username}.")

import factory
from django.contrib.auth import get_user_model

from samverkan.organisation.models import Group, Membership, Municipality, Person


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Kommun {n}")
    is_member = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-samverkan-1")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = "Máret"
    last_name = factory.Sequence(lambda n: f"Đuolja {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    title = "handläggare"
    phone = "090-16 10 00"
    email = factory.Sequence(lambda n: f"person{n}@umea.se")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Arbetsgrupp {n}")
    slug = factory.Sequence(lambda n: f"arbetsgrupp-{n}")
    kind = Group.Kind.WORKING_GROUP


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER

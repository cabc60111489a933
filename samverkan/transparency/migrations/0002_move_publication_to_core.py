# The publication counter now belongs to core (core/0002_publication); the table stays.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0001_initial"),
        ("core", "0002_publication"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Publication")]
        ),
    ]

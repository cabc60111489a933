# The publication counter moved from the portal app to core, with the cache it serves.
# State only: the table and its row stay where they are.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("transparency", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Publication",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("generation", models.PositiveBigIntegerField(default=0)),
                        ("changed_at", models.DateTimeField(verbose_name="changed")),
                    ],
                    options={
                        "verbose_name": "publication",
                        "verbose_name_plural": "publications",
                        "db_table": "transparency_publication",
                    },
                ),
            ]
        ),
    ]

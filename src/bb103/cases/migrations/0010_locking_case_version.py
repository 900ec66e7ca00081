from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_citizen_cpr_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="version",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="version"),
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_citizen_cpr_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="citizen",
            name="anonymised_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="anonymiseret"
            ),
        ),
    ]

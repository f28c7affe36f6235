from django.db import migrations


def mark_demo_territories(apps, schema_editor):
    """Territories whose data was made by `demo_data` say so from now on."""
    DemoDataset = apps.get_model("stats", "DemoDataset")
    Territory = apps.get_model("territories", "Territory")
    Territory.objects.filter(
        pk__in=DemoDataset.objects.values_list("territory_id", flat=True)
    ).update(demo_data=True)


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0003_visit_tallies"),
        ("territories", "0002_site_places_and_demo_flag"),
    ]

    operations = [migrations.RunPython(mark_demo_territories, migrations.RunPython.noop)]

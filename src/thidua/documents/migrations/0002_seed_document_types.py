"""Seed the document types of Decree 30/2020 and Decision 933/QĐ-TLĐ (data: editable afterwards)."""

from django.db import migrations

TYPES = [
    ("NQ", "NQ", "Nghị quyết"),
    ("QD", "QĐ", "Quyết định"),
    ("CT", "CT", "Chỉ thị"),
    ("QC", "QC", "Quy chế"),
    ("TB", "TB", "Thông báo"),
    ("HD", "HD", "Hướng dẫn"),
    ("CTR", "CTr", "Chương trình"),
    ("KH", "KH", "Kế hoạch"),
    ("PA", "PA", "Phương án"),
    ("DA", "ĐA", "Đề án"),
    ("BC", "BC", "Báo cáo"),
    ("BB", "BB", "Biên bản"),
    ("TTR", "TTr", "Tờ trình"),
    ("GM", "GM", "Giấy mời"),
    ("GGT", "GGT", "Giấy giới thiệu"),
    ("CV", "", "Công văn"),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (code, abbreviation, name) in enumerate(TYPES, start=1):
        DocumentType.objects.update_or_create(
            code=code, defaults={"abbreviation": abbreviation, "name": name, "order": order * 10}
        )


def unseed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code__in=[code for code, _a, _n in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

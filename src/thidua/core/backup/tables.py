"""Which models an archive carries, in which order, and when a database counts as empty."""

from django.apps import apps
from django.db import connections
from django.utils.translation import gettext as _

from thidua.core.backup.manifest import BackupError

# Tables that ``migrate`` itself fills (content types, permissions and the data migrations'
# reference rows). A freshly migrated installation holds them; a restore replaces them with the
# archive's rows so that every primary key is the original one.
REFERENCE_MODELS = frozenset(
    {
        "contenttypes.contenttype",
        "auth.permission",
        "documents.documenttype",
        "awards.awardtype",
        "awards.criterion",
        "awards.eligibilityrule",
        "awards.basesalary",
        "awards.benefitthreshold",
        "awards.initiativerewardbracket",
    }
)


def label(model):
    return model._meta.label_lower


def dumped_models():
    """Every concrete, managed model, each after the models its foreign keys point to.

    Many-to-many tables created by Django travel with their model. Cycles (a model pointing to
    itself or two models pointing to each other) are broken in name order: foreign keys are
    checked at the end of the load transaction, not row by row.
    """
    models = sorted(
        (m for m in apps.get_models() if m._meta.managed and not m._meta.proxy), key=label
    )
    depends = {
        model: {
            field.related_model._meta.concrete_model
            for field in model._meta.get_fields()
            if field.is_relation
            and field.concrete
            and field.related_model is not None
            and field.related_model._meta.concrete_model is not model
        }
        & set(models)
        for model in models
    }
    ordered, placed = [], set()
    while len(ordered) < len(models):
        ready = [m for m in models if m not in placed and depends[m] <= placed]
        if not ready:
            ready = [next(m for m in models if m not in placed)]
        for model in ready:
            ordered.append(model)
            placed.add(model)
    return ordered


def existing_tables(using):
    return set(connections[using].introspection.table_names())


def check_tables(using):
    """Refuse a database without a table for one of the models (migrations not yet written)."""
    tables = existing_tables(using)
    if missing := [label(m) for m in dumped_models() if m._meta.db_table not in tables]:
        raise BackupError(
            _("The database has no table for %(model)s: run `manage.py migrate` first.")
            % {"model": missing[0]}
        )


def rows_outside_reference(using):
    """(label, count) of the first model outside ``REFERENCE_MODELS`` that holds rows, or None."""
    tables = existing_tables(using)
    for model in dumped_models():
        if label(model) in REFERENCE_MODELS or model._meta.db_table not in tables:
            continue
        count = model._base_manager.using(using).count()
        if count:
            return label(model), count
    return None

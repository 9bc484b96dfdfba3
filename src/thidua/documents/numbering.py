"""Numbers and symbols of official documents (Decree 30/2020/NĐ-CP, Decision 933/QĐ-TLĐ).

A unit numbers its documents per calendar year, from 1 on 1 January, in one series for all types or
in one series per type (``IssuerSettings.per_type_series``). The symbol reads ``12/QĐ-CĐN``; numbers
below 10 take a leading zero (``01/KH-CĐN``); an official letter (công văn) has no type abbreviation
and reads ``05/CĐN``.
"""

from django.db import IntegrityError, transaction

from thidua.documents.models import IssuerSettings, NumberCounter


def unit_symbol(org):
    return org.symbol or org.code


def format_number_symbol(number, doc_type, org):
    number_text = f"{number:02d}"
    if doc_type.is_letter:
        return f"{number_text}/{unit_symbol(org)}"
    return f"{number_text}/{doc_type.abbreviation}-{unit_symbol(org)}"


def series_for(org, doc_type):
    """The counter series a document of ``doc_type`` takes its number from at ``org``."""
    settings = IssuerSettings.objects.filter(org=org).first()
    return doc_type.code if settings and settings.per_type_series else ""


def take_next_number(org, year, series):
    """Reserve the next number of the series; call inside ``transaction.atomic()``.

    The counter row is locked (``select_for_update``) until the caller's transaction ends, so two
    issuers never get the same number; a first issue of the year creates the row, and the loser of a
    race to create it simply locks the winner's row.
    """
    try:
        with transaction.atomic():
            NumberCounter.objects.get_or_create(org=org, year=year, series=series)
    except IntegrityError:
        pass  # another transaction created it between our read and our insert
    counter = NumberCounter.objects.select_for_update().get(org=org, year=year, series=series)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number

"""Dossier parts of a nomination: which are required, which documents fill them.

The parts are data of the award type (``required_dossier_parts``; ``simplified_parts`` for the
simplified procedure of an ad-hoc award). A document linked to a nomination is filed under a part;
when the caller does not say which, the part follows the document type (a TTr is the submission, a
BB the council minutes, a BC the achievement report or, for the simplified procedure, the short
summary). A required short summary is also met by a full achievement report.
"""

from django.utils.translation import gettext as _

from thidua.awards.models import DossierPart

# Dossier part → the document type its uploads get.
PART_DOC_TYPES = {
    DossierPart.SUBMISSION: "TTR",
    DossierPart.ACHIEVEMENT_REPORT: "BC",
    DossierPart.COUNCIL_MINUTES: "BB",
    DossierPart.INITIATIVE_CERTIFICATE: "QD",
    DossierPart.SUMMARY: "BC",
}
# Document type → the parts it can fill, in order of preference.
DOC_TYPE_PARTS = {
    "TTR": [DossierPart.SUBMISSION],
    "BC": [DossierPart.ACHIEVEMENT_REPORT, DossierPart.SUMMARY],
    "BB": [DossierPart.COUNCIL_MINUTES],
    "QD": [DossierPart.INITIATIVE_CERTIFICATE],
    "CV": [DossierPart.INITIATIVE_CERTIFICATE],
}
# A part also met by another one.
SATISFIED_BY = {DossierPart.SUMMARY: {DossierPart.SUMMARY, DossierPart.ACHIEVEMENT_REPORT}}
OTHER = "other"


def required_parts(nomination):
    """The part codes the nomination's dossier must hold (simplified set for an ad-hoc award)."""
    award_type = nomination.award_type
    if nomination.kind == "adhoc":
        return list(award_type.simplified_parts or [])
    return list(award_type.required_dossier_parts or [])


def part_label(code):
    try:
        return str(DossierPart(code).label)
    except ValueError:
        return _("Other document") if code == OTHER else code


def default_part(document, nomination):
    """The part a document fills when the caller does not say."""
    candidates = DOC_TYPE_PARTS.get(document.doc_type.code, [])
    required = set(required_parts(nomination))
    for part in candidates:
        if part in required:
            return str(part)
    return str(candidates[0]) if candidates else OTHER


def valid_parts():
    return {*DossierPart.values, OTHER}


def present_parts(nomination):
    """Part codes filled by the nomination's documents and its submission (TTr)."""
    parts = set(nomination.dossier_links.values_list("part", flat=True))
    if nomination.submission_id and nomination.submission.document_id:
        parts.add(DossierPart.SUBMISSION.value)
    return parts


def missing_parts(nomination, *, submission_coming=False):
    """Required part codes not yet filled; ``submission_coming``: a TTr is about to be made."""
    present = present_parts(nomination)
    if submission_coming:
        present.add(DossierPart.SUBMISSION.value)
    return [
        part
        for part in required_parts(nomination)
        if not (SATISFIED_BY.get(part, {part}) & present)
    ]


def checklist(nomination):
    """``[{"part", "label", "required", "documents": [links]}]`` for the dossier panel."""
    links = list(nomination.dossier_links.select_related("document", "document__doc_type"))
    required = required_parts(nomination)
    parts = list(dict.fromkeys([*required, *(link.part for link in links)]))
    present = present_parts(nomination)
    rows = []
    for part in parts:
        rows.append(
            {
                "part": part,
                "label": part_label(part),
                "required": part in required,
                "met": bool(SATISFIED_BY.get(part, {part}) & present),
                "documents": [link for link in links if link.part == part],
                "doc_type": PART_DOC_TYPES.get(part, "CV"),
            }
        )
    return rows

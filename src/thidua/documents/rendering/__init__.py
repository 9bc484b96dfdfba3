"""Official documents (Decree 30/2020, union format 933/QĐ-TLĐ) rendered to DOCX and PDF.

``model`` holds the plain data of a document, ``word.render_docx`` fills a DOCX template per
kind (the unit's own or the default, ``word.template_for``), ``pdf.render_pdf`` lays the same
document out with ReportLab, and ``samples`` builds realistic examples of each kind.
"""

from thidua.documents.rendering import rules  # noqa: F401  (registers documents.manage_templates)

"""The sector's annual report (BC) on emulation and commendation work, for the level above.

``service.generate_annual_report`` measures the year in the database (``figures``), writes the
report's content (``content``), issues it as a numbered BC through the documents layer and renders
it to DOCX (``word``, with its template built by ``template``) and PDF (``pdf``), charts included
(``charts``). ``models.AnnualReport`` keeps both files and the officer's directions.
"""

from thidua.dashboard.annual_report import rules  # noqa: F401  (registers the permission)

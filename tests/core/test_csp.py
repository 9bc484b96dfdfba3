"""Content Security Policy: the header on every page, and templates that need nothing inline."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from thidua.core.jobs import create_job, set_progress

TEMPLATES = sorted(
    (Path(__file__).resolve().parents[2] / "src" / "thidua").glob("*/templates/**/*")
)
HTML_TEMPLATES = [path for path in TEMPLATES if path.suffix in {".html", ".svg"}]

FORBIDDEN = {
    "an inline <script> (no src)": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/json\")[^>]*>", re.I
    ),
    "an inline event handler (on...=)": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "a style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "a <style> block": re.compile(r"<style\b", re.I),
}

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def policy(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_the_templates_are_found():
    assert any(path.name == "base.html" for path in HTML_TEMPLATES)
    assert len(HTML_TEMPLATES) > 50


@pytest.mark.parametrize("path", HTML_TEMPLATES, ids=lambda p: str(p).split("src/thidua/")[-1])
def test_no_template_needs_inline_script_or_style(path):
    text = path.read_text(encoding="utf-8")
    found = [name for name, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert not found, f"{path} has {', '.join(found)}"


@pytest.mark.parametrize(
    "sample",
    [
        "<script>alert(1)</script>",
        '<button onclick="go()">',
        '<div class="x" style="width: 5%">',
        "<style>.x{}</style>",
    ],
)
def test_the_scan_catches_each_inline_form(sample):
    assert any(pattern.search(sample) for pattern in FORBIDDEN.values())


def test_the_scan_allows_external_scripts_and_data():
    sample = '<script src="/static/thidua/app.js" defer></script><div data-progress="5">'
    assert not any(pattern.search(sample) for pattern in FORBIDDEN.values())


def test_pages_carry_the_policy(db):
    response = Client().get(reverse("accounts:login"))
    assert policy(response) == DIRECTIVES


def test_signed_in_pages_and_api_answers_carry_the_policy(client, people):
    client.force_login(people.nganh_thidua)
    assert policy(client.get(reverse("core:home"))) == DIRECTIVES
    assert policy(Client().get("/api/v1/me")) == DIRECTIVES


def test_htmx_does_not_inject_its_indicator_style(db):
    page = Client().get(reverse("accounts:login")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in page


def test_job_progress_width_comes_from_a_data_attribute(client, people):
    job = create_job("export", "Xuất danh sách", by=people.nganh_thidua, total=4)
    set_progress(job.pk, 1)
    client.force_login(people.nganh_thidua)
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert 'data-progress="25"' in page
    assert "style=" not in page

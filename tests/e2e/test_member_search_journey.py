"""Journeys of the foundation: find a member without diacritics; another union sees nothing."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_finds_member_typing_without_diacritics(people, login, page):
    login("bvdk.thidua")
    page.goto("/members/")
    page.fill("input[name=q]", "nguyen thi hong")
    page.keyboard.press("Enter")
    result = page.get_by_role("link", name="Nguyễn Thị Hồng")
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(rf"/members/{people.hong.pk}/$"))
    expect(page.get_by_role("heading", name="Nguyễn Thị Hồng")).to_be_visible()


def test_other_union_gets_not_found_on_bvdk_member(people, login, page):
    login("bvnhi.thidua")
    response = page.goto(f"/members/{people.hong.pk}/")
    assert response.status == 404
    expect(page.get_by_text("Nguyễn Thị Hồng")).to_have_count(0)

"""The quick exit in real Chromium: first in keyboard order, leaves for good (Enter, three
Shifts, a tap on a phone), and its Shift hint shows only with a keyboard and JavaScript."""

from __future__ import annotations

import pytest
from chromium import serve_folder

from generator.project import Project

NEUTRAL = "https://www.google.bg/"
PHONE = {"width": 390, "height": 800}


def neutral_route(route):
    route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>neutral</title><p>neutral</p>")


@pytest.mark.browser
def test_quick_exit_is_first_in_keyboard_order_and_leaves_for_good(real_site: Project, browser):
    context = browser.new_context()
    context.route(NEUTRAL + "**", neutral_route)
    page = context.new_page()
    with serve_folder(real_site.site) as base:
        start = base + "measures/kindergarten-place/"
        page.goto(start)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.kbExit !== undefined")
        assert page.evaluate("document.activeElement.textContent").strip().startswith("Напусни сайта")
        page.keyboard.press("Enter")
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert page.url != start and not page.url.startswith(base + "measures/")
        # Shift three times, on the English site, on a phone-sized screen.
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(base + "en/practices/")
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert not page.url.startswith(base + "en/practices/")
        # The button is visible on a phone, and a tap leaves too.
        page.goto(base + "en/regions/ruse/")
        exit_button = page.locator("[data-kb-exit]")
        assert exit_button.is_visible()
        box = exit_button.bounding_box()
        assert box and box["y"] + box["height"] <= 800 and box["x"] >= 0
        exit_button.click()
        page.wait_for_url(NEUTRAL)
    context.close()


@pytest.mark.browser
def test_shift_hint_only_with_a_keyboard_and_javascript(real_site: Project, browser):
    with serve_folder(real_site.site) as base:
        desktop = browser.new_context()
        page = desktop.new_page()
        page.goto(base)
        assert page.locator(".kb-exit__hint").is_visible()
        desktop.close()
        without_js = browser.new_context(java_script_enabled=False)
        page = without_js.new_page()
        page.goto(base)
        assert not page.locator(".kb-exit__hint").is_visible()
        without_js.close()
        phone = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
        page = phone.new_page()
        page.goto(base)
        assert not page.locator(".kb-exit__hint").is_visible()
        phone.close()

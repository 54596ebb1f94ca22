"""Phone and 200% zoom with real devices: a 390x844 phone (3 device pixels per CSS pixel, touch)
and a 1280x800 window at 200% zoom (640x400 CSS pixels at 2 device pixels each). In the app
view the whole page is checked; in JupyterLab only the module's own outputs (JupyterLab's
layout is not the module's to change), with the file browser closed as a phone reader would.

Checked: no sideways scrolling, no option label or button cut off, every control (with its
label) at least 24x24 CSS px. Screenshots go to test-artifacts/screenshots/app/.
"""

from __future__ import annotations

import app_harness as ah
import browser_harness as bh
import pytest

# The start page, and the page with the most tools (plan builder, checklist, charts).
PAGES = ("00-start-here.ipynb", "08-coping-and-help.ipynb")
DEVICES = {"phone": ah.PHONE, "zoom200": ah.ZOOM_200}


@pytest.mark.parametrize("device", DEVICES)
def test_app_view_on_a_real_phone_and_at_200_percent(
    app_server, app_context, app_screenshots, device
):
    options = DEVICES[device]
    reader = ah.AppPage(app_context(**options).new_page(), app_server)
    for name in PAGES:
        reader.open(name)
        scale, width = reader.page.evaluate("() => [window.devicePixelRatio, window.innerWidth]")
        assert (scale, width) == (options["device_scale_factor"], options["viewport"]["width"])
        problems = ah.layout_problems(reader.page)
        assert problems == [], f"{name} ({device}):\n" + "\n".join(problems)
        reader.exercises.first.scroll_into_view_if_needed()
        reader.page.screenshot(
            path=str(app_screenshots / f"{device}-real-{name.removesuffix('.ipynb')}.png")
        )
    bh.note("app view: phone and zoom", f"{device}: {width} CSS px at {scale}x, {PAGES}: ok")
    reader.page.close()


@pytest.mark.parametrize("size", [(640, 400), (390, 844)], ids=["zoom200", "phone"])
def test_module_widgets_fit_in_jupyterlab_too(lab, size, app_screenshots):
    name = PAGES[1]
    lab.ready(name, pristine=True)
    page = lab.page
    original = page.viewport_size
    try:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        # Close the side panel (the file browser), as a reader on a small screen does.
        page.evaluate(
            """() => { const shell = window.jupyterapp.shell;
                       if (!shell.leftCollapsed) shell.collapseLeft();
                       if (!shell.rightCollapsed) shell.collapseRight(); }"""
        )
        page.wait_for_timeout(300)
        with lab.whole_notebook_in_view():
            problems = ah.layout_problems(page, whole_page=False)
            page.screenshot(path=str(app_screenshots / f"jupyterlab-{size[0]}-{name}.png"))
        assert problems == [], f"{name} in JupyterLab at {size}:\n" + "\n".join(problems)
    finally:
        page.set_viewport_size(original)

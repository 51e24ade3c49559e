"""Error codes pane: the whole catalogue, live search, grouping, and "Look up <code>" from a banner."""

from __future__ import annotations

from PySide6.QtCore import Qt

from aigc_desktop.platform.endpoints import ACCOUNT
from aigc_desktop.platform.errors_catalogue import ErrorCatalogue
from tests.ui.conftest import AppHarness


def test_the_whole_catalogue_grouped_by_category(app: AppHarness) -> None:
    pane = app.pane("errors")
    catalogue = ErrorCatalogue.default()
    assert len(pane.visible_codes()) == len(catalogue) == 271
    assert pane.count_label.text() == "271 of 271 codes"
    categories = {pane.tree.topLevelItem(i).text(0) for i in range(pane.tree.topLevelItemCount())}
    assert categories == {entry.category for entry in catalogue}
    for i in range(pane.tree.topLevelItemCount()):
        parent = pane.tree.topLevelItem(i)
        for j in range(parent.childCount()):
            assert catalogue.category_for(int(parent.child(j).text(0))) == parent.text(0)


def test_search_by_code_prefix_and_by_words_filters_live(app: AppHarness) -> None:
    pane = app.pane("errors")
    app.qtbot.keyClicks(pane.search, "6011216")
    shown = pane.visible_codes()
    assert 60112160 in shown and all(str(code).startswith("6011216") for code in shown)
    assert pane.count_label.text() == f"{len(shown)} of 271 codes"
    pane.search.clear()
    app.qtbot.keyClicks(pane.search, "signature verification")
    shown = pane.visible_codes()
    assert 60112160 in shown and len(shown) < 20
    pane.search.setText("no such words anywhere")
    assert pane.visible_codes() == []
    assert all(pane.tree.topLevelItem(i).isHidden() for i in range(pane.tree.topLevelItemCount()))
    pane.search.clear()
    assert len(pane.visible_codes()) == 271


def test_placeholders_advice_and_listed_twice_are_shown(app: AppHarness) -> None:
    pane = app.pane("errors")
    catalogue = ErrorCatalogue.default()
    with_placeholder = next(e for e in catalogue if "%s" in e.text)
    pane.show_code(with_placeholder.code)
    assert "%s" not in pane.detail_text.text() and "‹" in pane.detail_text.text()  # a named slot, never %s
    assert not any("%s" in item.text(1) for item in pane._items)
    pane.show_code(60112160)
    assert pane.detail_advice.text() == catalogue.advice_for(60112160)
    assert pane.detail_category.text() == "Access tokens"
    twice = next(e for e in catalogue if e.listed > 1)
    pane.show_code(twice.code)
    assert "listed 2 times in the doc" in pane.detail_note.text()
    assert "listed 2 times" in pane.tree.currentItem().text(3)


def test_banner_look_up_jumps_to_the_code(app: AppHarness) -> None:
    app.start_sandbox()
    pane = app.pane("errors")
    pane.search.setText("something that hides everything")
    app.window.show_pane("quotas")
    app.ctx.model.sandbox.faults.add(ACCOUNT.path, "rate_limit", 1)
    app.ctx.run(app.ctx.model.load_account(), "Loading quotas…")
    app.wait(lambda: bool(app.window.banners.banners()))
    banner = app.window.banners.banners()[-1]
    assert banner.lookup_button is not None and banner.lookup_button.isVisible()
    assert banner.lookup_button.text() == "Look up 89999999"
    app.qtbot.mouseClick(banner.lookup_button, Qt.MouseButton.LeftButton)
    assert app.window.current_pane_id() == "errors"
    entry = pane.selected_entry()
    assert entry is not None and entry.code == 89999999
    assert pane.search.text() == ""  # the filter that hid it was cleared
    assert pane.detail_text.text() == "Your access is too frequent, please try again later"


def test_banners_without_a_code_offer_no_look_up(app: AppHarness) -> None:
    app.ctx.notice.emit("warning", "Something local\nno platform code here")
    banner = app.window.banners.banners()[-1]
    assert banner.lookup_button is None


def test_an_undocumented_code_says_so(app: AppHarness) -> None:
    pane = app.pane("errors")
    assert pane.show_code(12345678) is False
    assert "not in the platform's documentation" in pane.detail_text.text()
    assert pane.detail_advice.text().startswith("This code is not in the platform's documentation")
    assert pane.detail_category.text() == "unknown"  # 12345678 has no documented prefix: no guess
    pane.show_code(60112999)
    assert pane.detail_category.text() == "perhaps Access tokens (guessed from the code's prefix)"

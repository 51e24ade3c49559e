"""The error catalogue: size, duplicates, placeholders, categories."""

from __future__ import annotations

from aigc_desktop.platform.errors_catalogue import ErrorCatalogue


def test_catalogue_has_every_documented_row() -> None:
    assert len(ErrorCatalogue.default()) == 271


def test_codes_listed_twice_are_marked() -> None:
    catalogue = ErrorCatalogue.default()
    for code, size in ((84115975, "2K"), (84115976, "4K")):
        (entry,) = catalogue.lookup(code)
        assert entry.listed == 2 and size in entry.text


def test_placeholders_are_filled_from_the_server_message() -> None:
    catalogue = ErrorCatalogue.default()
    description = catalogue.describe(60112161, "Refresh token too frequent, limited to 3 hour intervals")
    assert description.known
    assert description.meaning == "Refresh token too frequent, limited to 3 hour intervals"
    assert description.category == "Access tokens"
    assert "refresh" in description.advice.lower()
    unmatched = catalogue.describe(60112161, "something else entirely")
    assert unmatched.meaning == "Refresh token too frequent, limited to ‹N› hour intervals"


def test_unknown_code_keeps_category_and_server_words() -> None:
    catalogue = ErrorCatalogue.default()
    description = catalogue.describe(60112999, "new server error")
    assert not description.known
    assert description.category == "Access tokens"
    assert description.meaning == "new server error"
    assert catalogue.describe(77777777).category == "Unknown category"
    assert catalogue.describe(77777777).meaning == "Undocumented error code 77777777"
    assert catalogue.category_for(400) == "General"


def test_search_by_text_and_prefix() -> None:
    catalogue = ErrorCatalogue.default()
    # word search: "Refreshing rtcToken too frequently" (84115955) matches every word too
    assert {e.code for e in catalogue.search("refresh token too frequent")} == {60112161, 84115955}
    assert {e.code for e in catalogue.search("access tokens grant")} == {60112162}
    assert {e.code for e in catalogue.search("6011216")} == {60112160, 60112161, 60112162}

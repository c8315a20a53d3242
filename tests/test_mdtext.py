"""Tidying generated Markdown keeps tables and lists whole."""

from __future__ import annotations

from minutebook.mdtext import tidy


def test_rows_and_items_split_by_blank_lines_are_joined_however_many() -> None:
    text = ("\n\n# Title\n\n\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n\n| 5 | 6 |\n"
            "\nText.\n\n- one\n\n- two\n\n- three\n")
    assert tidy(text) == ("# Title\n\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n"
                          "\nText.\n\n- one\n- two\n- three\n")


def test_a_table_after_a_list_stays_apart_from_it() -> None:
    assert tidy("- item\n\n| A |\n|---|\n") == "- item\n\n| A |\n|---|\n"

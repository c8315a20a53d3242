"""The parse cache and parallel parsing change speed, never results."""

from __future__ import annotations

import marshal
import shutil
import zlib
from datetime import date
from pathlib import Path

import pytest

from minutebook.api import check
from minutebook.load import repo as repo_module
from minutebook.load.cache import CACHE_DIR, INDEX_FILE, MEMO_FILE

TODAY = date(2026, 11, 25)


def _lines(root: Path, **kwargs: object) -> list[str]:
    result = check(root, TODAY, **kwargs)  # type: ignore[arg-type]
    return [f"{f.file}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings]


def test_warm_run_gives_the_same_findings_as_a_cold_one(content: Path) -> None:
    cold = _lines(content)
    assert _lines(content, use_cache=True) == cold
    assert (content / CACHE_DIR / INDEX_FILE).is_file()
    assert (content / MEMO_FILE).is_file()
    assert _lines(content, use_cache=True) == cold


def test_an_edited_file_is_parsed_again(content: Path) -> None:
    _lines(content, use_cache=True)
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text().replace("status: held", "status: hled"))
    assert any("'status' cannot be 'hled'" in line for line in _lines(content, use_cache=True))


def test_personal_data_found_in_an_edited_text_despite_the_memo(content: Path) -> None:
    _lines(content, use_cache=True)
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\nNHS number 943 476 5919.\n")
    assert any(" PD001 " in line for line in _lines(content, use_cache=True))


def test_pasted_bullets_found_in_edited_minutes_despite_the_memo(content: Path) -> None:
    """MN004 remembers the records it found clean: an edit is read again."""
    assert not any(" MN004 " in line for line in _lines(content, use_cache=True))
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\n\u2022 Knife crime has risen\n")
    assert any(" MN004 " in line for line in _lines(content, use_cache=True))


def test_a_corrupt_cache_is_ignored(content: Path) -> None:
    cold = _lines(content)
    for name in (f"{CACHE_DIR}/{INDEX_FILE}", MEMO_FILE):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(b"\x00not marshal")
    assert _lines(content, use_cache=True) == cold


def test_a_damaged_shard_is_never_served(content: Path) -> None:
    """A shard that still loads but was changed (a flipped byte, an entry cut short) is
    dropped with the rest of the cache, never served as a parse."""
    cold = _lines(content)
    _lines(content, use_cache=True)
    shard = content / CACHE_DIR / "meetings-cs-steering-group.marshal"
    intact = shard.read_bytes()
    assert b"designated-nurse" in intact
    shard.write_bytes(intact.replace(b"designated-nurse", b"designated-nursx", 1))
    assert _lines(content, use_cache=True) == cold
    fingerprint, _crc, payload = marshal.loads(shard.read_bytes())  # rewritten, intact
    entries = marshal.loads(payload)
    rel = next(iter(entries))
    entries[rel] = (entries[rel][0][:3], entries[rel][1])  # cut short, checksum recomputed
    payload = marshal.dumps(entries)
    shard.write_bytes(marshal.dumps((fingerprint, zlib.crc32(payload), payload)))
    assert _lines(content, use_cache=True) == cold


def test_parsing_in_two_processes_gives_the_same_result(content: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _lines(content, workers=1)
    monkeypatch.setattr(repo_module, "PARALLEL_FROM", 1)
    assert _lines(content, workers=2) == serial
    monkeypatch.setattr(repo_module, "PIECES_FROM", 0)  # actions.yaml in pieces too
    assert _lines(content, workers=2) == serial
    assert _lines(content, workers=2, use_cache=True) == serial
    assert _lines(content, workers=2, use_cache=True) == serial  # its item digests served


def test_a_problem_in_a_piece_of_actions_yaml_is_reported_as_a_whole_parse_does(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    actions = content / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    at = text.rindex("  status: ")
    actions.write_text(text[:at] + "  status: open\n" + text[at:], encoding="utf-8")
    serial = _lines(content, workers=1)
    assert any(" LD002 " in line for line in serial)  # the duplicate key
    monkeypatch.setattr(repo_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(repo_module, "PIECES_FROM", 0)
    assert _lines(content, workers=2) == serial


def test_select_with_an_unknown_code_is_a_usage_error(content: Path) -> None:
    from click.testing import CliRunner

    from minutebook.cli import cli

    result = CliRunner().invoke(cli, ["check", str(content), "--select", "PD01"],
                                catch_exceptions=False)
    assert result.exit_code == 2
    assert "no rule PD01" in result.output


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every file parsed from its text (in this process: one worker)."""
    from minutebook.load import listfile

    parsed: list[str] = []
    real_source, real_item = repo_module.read_source, listfile.parse_item

    def counting_source(root: Path, rel: str, *args: object, **kwargs: object) -> object:
        parsed.append(rel)
        return real_source(root, rel, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(repo_module, "read_source", counting_source)
    monkeypatch.setattr(listfile, "parse_item",
                        lambda chunk: parsed.append("item") or real_item(chunk))
    return parsed


def test_a_fresh_clone_with_the_cache_restored_parses_nothing(
        content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _lines(content, use_cache=True)
    clone = tmp_path / "clone"
    shutil.copytree(content, clone, copy_function=shutil.copyfile)  # new times, same bytes
    parsed = _count_parses(monkeypatch)
    assert _lines(clone, use_cache=True, workers=1) == cold
    assert parsed == []
    # and the cache now knows the clone's times: the next run reads nothing either
    assert _lines(clone, use_cache=True, workers=1) == cold
    assert parsed == []


def test_an_edited_action_is_the_only_item_parsed_again(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _lines(content, use_cache=True)
    actions = content / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    first_status = text.index("status: ")
    actions.write_text(text[:first_status] + "status: sideways" +
                       text[text.index("\n", first_status):], encoding="utf-8")
    parsed = _count_parses(monkeypatch)
    warm = _lines(content, use_cache=True, workers=1)
    assert parsed == ["item"]
    assert warm == _lines(content)  # exactly what a cold run reports
    assert any("'status' cannot be 'sideways'" in line for line in warm)


def test_a_file_found_clean_is_scanned_again_when_the_sensitive_terms_change(
        content: Path) -> None:
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\nJayden Example attended as a guest.\n")
    assert not any(" PD007 " in line for line in _lines(content, use_cache=True))
    (content / "sensitive-terms.txt").write_text("Jayden Example\n", encoding="utf-8")
    assert any(" PD007 " in line for line in _lines(content, use_cache=True))


def test_active_content_found_in_a_file_that_was_clean(content: Path) -> None:
    _lines(content, use_cache=True)
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\n<script>alert(1)</script>\n")
    assert any(" HT001 " in line for line in _lines(content, use_cache=True))


def test_two_files_that_swap_contents_are_never_served_each_others_parse(
        content: Path, tmp_path: Path) -> None:
    bodies = sorted((content / "governance" / "bodies").glob("*.yaml"))[:2]
    first, second = (p.read_bytes() for p in bodies)
    _lines(content, use_cache=True)
    clone = tmp_path / "clone"
    shutil.copytree(content, clone, copy_function=shutil.copyfile)
    a, b = (clone / p.relative_to(content) for p in bodies)
    a.write_bytes(second)
    b.write_bytes(first)
    expected = _lines(clone)
    assert _lines(clone, use_cache=True) == expected
    assert _lines(clone, use_cache=True) == expected


def test_a_changed_spelling_of_a_sensitive_term_rescans_clean_files(content: Path) -> None:
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\nMr Straße attended.\n")
    (content / "sensitive-terms.txt").write_text("Strasse\n", encoding="utf-8")
    assert not any(" PD007 " in line for line in _lines(content, use_cache=True))
    (content / "sensitive-terms.txt").write_text("Straße\n", encoding="utf-8")
    assert any(" PD007 " in line for line in _lines(content, use_cache=True))


def _edit_first_action(root: Path, old: str, new: str) -> None:
    actions = root / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    at = text.index(old)
    actions.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")


def test_only_the_edited_actions_texts_are_scanned_again(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minutebook.rules import content_safety

    _lines(content, use_cache=True)
    _edit_first_action(content, "description: ",
                       "description: NHS number 943 476 5919. <script>x</script> ")
    cold = _lines(content)
    scanned: list[str] = []
    real = content_safety.find
    monkeypatch.setattr(content_safety, "find", lambda value: scanned.append(value) or real(value))
    warm = _lines(content, use_cache=True)
    assert warm == cold
    assert any(" PD001 " in line and "action '" in line for line in warm)
    assert any(" HT001 " in line and "action '" in line for line in warm)
    # the edited action's texts (its description and update notes), nothing else
    assert scanned[0].startswith("NHS number 943 476 5919. ")
    assert 1 <= len(scanned) <= 4
    # an item with a finding is scanned on every run (only it)
    first, scanned[:] = list(scanned), []
    assert _lines(content, use_cache=True) == cold
    assert scanned == first


def test_a_finding_in_an_unchanged_action_is_reported_after_another_changes(
        content: Path) -> None:
    _edit_first_action(content, "description: ", "description: Call 07700 900123. ")
    first = _lines(content, use_cache=True)
    assert any(" PD005 " in line for line in first)
    actions = content / "actions.yaml"
    text = actions.read_text(encoding="utf-8")
    last = text.rindex("description: ")
    actions.write_text(text[:last] + "description: Now " + text[last + 13:], encoding="utf-8")
    assert _lines(content, use_cache=True) == _lines(content)
    assert any(" PD005 " in line for line in _lines(content, use_cache=True))


def _parts(root: Path) -> dict[str, int]:
    """The cache's files and their modification times."""
    return {p.name: p.stat().st_mtime_ns for p in (root / CACHE_DIR).iterdir()}


def test_an_edit_rewrites_only_its_shard_and_the_index(content: Path) -> None:
    import time

    from minutebook.load.cache import shard_of

    _lines(content, use_cache=True)
    before = _parts(content)
    assert len(before) > 3
    time.sleep(0.01)
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\nThe chair thanked members.\n")
    _lines(content, use_cache=True)
    after = _parts(content)
    changed = {name for name in before if after.get(name) != before[name]}
    assert changed == {INDEX_FILE, shard_of(record.relative_to(content).as_posix()) + ".marshal"}


def test_a_fresh_clone_rewrites_only_the_index(content: Path, tmp_path: Path) -> None:
    _lines(content, use_cache=True)
    clone = tmp_path / "clone"
    shutil.copytree(content, clone, copy_function=shutil.copyfile)
    before = _parts(clone)
    _lines(clone, use_cache=True)
    after = _parts(clone)
    assert {name for name in before if after[name] != before[name]} == {INDEX_FILE}


def test_a_shard_older_than_its_index_is_never_served(content: Path) -> None:
    """If a shard and the index disagree (two runs writing at once, a crash between
    writes), the file is read again rather than served a stale parse."""
    from minutebook.load.cache import shard_of

    record = content / "meetings/cs-steering-group/2026-09-23.md"
    shard = content / CACHE_DIR / (shard_of(record.relative_to(content).as_posix()) + ".marshal")
    _lines(content, use_cache=True)
    old_shard = shard.read_bytes()
    record.write_text(record.read_text().replace("status: held", "status: hled"))
    expected = _lines(content)
    assert _lines(content, use_cache=True) == expected
    shard.write_bytes(old_shard)  # the index vouches for the edit, the shard does not
    assert _lines(content, use_cache=True) == expected
    assert any("'status' cannot be 'hled'" in line for line in expected)


def test_the_shard_of_a_removed_folder_is_deleted(content: Path) -> None:
    from minutebook.load.cache import shard_of

    _lines(content, use_cache=True)
    folder = content / "meetings/cs-steering-group"
    name = shard_of("meetings/cs-steering-group/x.md") + ".marshal"
    assert (content / CACHE_DIR / name).is_file()
    shutil.rmtree(folder)
    _lines(content, use_cache=True)
    assert not (content / CACHE_DIR / name).exists()


def test_an_action_file_missing_for_a_moment_never_hides_a_finding_later(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A check during a checkout can find actions.yaml gone for a moment: it is parsed but
    not cached, and the scans must not use the cached items' digests for it."""
    import os

    _lines(content, use_cache=True)
    _edit_first_action(content, "description: ", "description: NHS 943 476 5919 ")
    cold = _lines(content)
    assert any(" PD001 " in line for line in cold)
    real_stat = os.stat

    def flaky(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if isinstance(path, str) and path.endswith("actions.yaml"):  # the loader's own stat
            raise FileNotFoundError(path)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(repo_module.os, "stat", flaky)
        assert _lines(content, use_cache=True) == cold
    assert _lines(content, use_cache=True) == cold
    assert _lines(content, use_cache=True) == cold


def test_a_new_file_with_the_content_of_another_kind_is_parsed_once(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _lines(content, use_cache=True)
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    report = content / "reports/cs-steering-group/2026-01-01_2026-03-31.md"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_bytes(record.read_bytes())
    parsed = _count_parses(monkeypatch)
    first = _lines(content, use_cache=True, workers=1)
    assert parsed == ["reports/cs-steering-group/2026-01-01_2026-03-31.md"]
    parsed.clear()
    assert _lines(content, use_cache=True, workers=1) == first
    assert parsed == []


# ---------------------------------------------------------------- integrity and containment


def _tampered_memo(content: Path, record: Path) -> dict[str, dict[object, object]]:
    """The memo of the last run with ``record`` marked clean for the HTML scan, as someone
    editing the cache would (the value of any entry is the scan's key)."""
    from minutebook.load.cache import load_memo
    from minutebook.load.source import digest

    stored = marshal.loads((content / MEMO_FILE).read_bytes())
    memo = marshal.loads(stored[3])
    clean = memo["content-safety-clean"]
    clean[digest(record.read_bytes())] = next(iter(clean.values()))
    assert load_memo(content) == {}  # (read with other settings: nothing)
    return memo


@pytest.mark.parametrize("how", ["same checksum", "old format", "checksum recomputed as CRC"])
def test_a_tampered_memo_never_lets_a_script_pass(content: Path, how: str) -> None:
    _lines(content, use_cache=True)
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\n<script>alert(1)</script>\n")
    memo = _tampered_memo(content, record)
    stored = marshal.loads((content / MEMO_FILE).read_bytes())
    payload = marshal.dumps(memo)
    if how == "same checksum":
        value: object = (stored[0], stored[1], stored[2], payload)
    elif how == "old format":
        value = (stored[1], memo)
    else:
        value = (stored[0], stored[1], zlib.crc32(payload).to_bytes(4, "big"), payload)
    (content / MEMO_FILE).write_bytes(marshal.dumps(value))
    assert any(" HT001 " in line and "2026-09-23.md" in line
               for line in _lines(content, use_cache=True))


def test_the_memo_is_not_used_when_the_settings_change(content: Path) -> None:
    from minutebook.load.cache import load_memo

    _lines(content, use_cache=True)
    assert load_memo(content) == {}  # written for these settings, not for none
    stored = marshal.loads((content / MEMO_FILE).read_bytes())
    assert stored[0] == "minutebook-memo-2"
    assert len(stored[2]) == 32


def test_a_cache_folder_that_is_a_link_is_not_used(content: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from minutebook.cli import cli

    outside = tmp_path / "outside"
    outside.mkdir()
    (content / ".cache").symlink_to(outside, target_is_directory=True)
    cold = _lines(content)
    assert _lines(content, use_cache=True) == cold
    result = CliRunner().invoke(
        cli, ["check", str(content), "--today", TODAY.isoformat()])
    assert result.exit_code in (0, 1), result.output
    assert "not using the cache: .cache is a symbolic link" in result.stderr
    assert list(outside.iterdir()) == []  # nothing written outside the repository
    assert (content / ".cache").is_symlink()


@pytest.mark.parametrize("inside", [f"{CACHE_DIR}/{INDEX_FILE}", MEMO_FILE, CACHE_DIR])
def test_a_link_inside_the_cache_is_never_read_or_written_through(
        content: Path, tmp_path: Path, inside: str) -> None:
    cold = _lines(content)
    _lines(content, use_cache=True)
    target = tmp_path / "precious"
    if inside == CACHE_DIR:
        target.mkdir()
        shutil.rmtree(content / inside)
    else:
        target.write_bytes(b"precious")
        (content / inside).unlink()
    (content / inside).symlink_to(target)
    assert _lines(content, use_cache=True) == cold
    if inside == CACHE_DIR:
        assert list(target.iterdir()) == []
    else:
        assert target.read_bytes() == b"precious"
    assert (content / inside).is_symlink()


def _shard_without_a_script(content: Path, record: Path) -> None:
    """Put back the parse of ``record`` from before a <script> was added to it (in its
    shard, checksum recomputed as CRC-32) and vouch for it in the index, as someone who
    can write the cache but does not know MINUTEBOOK_CACHE_KEY would."""
    from minutebook.load.cache import shard_of

    rel = record.relative_to(content).as_posix()
    shard = content / CACHE_DIR / (shard_of(rel) + ".marshal")
    fingerprint, _sum, payload = marshal.loads(shard.read_bytes())
    entries = marshal.loads(payload)
    clean = entries[rel]
    record.write_text(record.read_text() + "\n<script>alert(1)</script>\n")
    stat = record.stat()
    payload = marshal.dumps(entries)
    shard.write_bytes(marshal.dumps((fingerprint, zlib.crc32(payload), payload)))
    index = content / CACHE_DIR / INDEX_FILE
    fingerprint, _sum, payload = marshal.loads(index.read_bytes())
    stamps, names = marshal.loads(payload)
    stamps[rel] = ((stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size), clean[0][6])
    payload = marshal.dumps((stamps, names))
    index.write_bytes(marshal.dumps((fingerprint, zlib.crc32(payload), payload)))


def test_with_a_cache_key_a_forged_parse_is_never_served(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUTEBOOK_CACHE_KEY", "a secret of the CI")
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    _lines(content, use_cache=True)
    _shard_without_a_script(content, record)
    assert any(" HT001 " in line and "2026-09-23.md" in line
               for line in _lines(content, use_cache=True))


def test_without_a_cache_key_the_checksum_only_catches_damage(content: Path) -> None:
    """What MINUTEBOOK_CACHE_KEY is for: a CRC-32 can be recomputed by whoever edits the
    cache (documented in Publishing safely)."""
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    _lines(content, use_cache=True)
    _shard_without_a_script(content, record)
    assert not any(" HT001 " in line for line in _lines(content, use_cache=True))


def test_with_a_cache_key_a_memo_written_without_it_is_not_trusted(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minutebook.load.cache import load_memo, memo_fingerprint

    _lines(content, use_cache=True)
    stored = marshal.loads((content / MEMO_FILE).read_bytes())
    monkeypatch.setenv("MINUTEBOOK_CACHE_KEY", "a secret of the CI")
    assert memo_fingerprint() != stored[1] or load_memo(content) == {}
    cold = _lines(content)
    assert _lines(content, use_cache=True) == cold
    assert marshal.loads((content / MEMO_FILE).read_bytes())[1] != stored[1]


def test_check_baseline_never_writes_through_a_cache_link(tmp_path: Path) -> None:
    from minutebook.baseline import Baseline, BaselineError, checked_out

    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / ".cache").symlink_to(outside, target_is_directory=True)
    with pytest.raises(BaselineError, match=r"cannot compare: \.cache is a symbolic link"), \
            checked_out(root, Baseline("main", "0" * 40, root, "")):
        pass
    assert list(outside.iterdir()) == []


def test_the_memo_is_not_used_after_a_scan_library_changes(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The installed copy counts (its file's size and time: an upgrade changes them),
    whether or not the library has been imported in this process (the scans import
    libphonenumber only when a text holds a number)."""
    import importlib.util
    import types

    from minutebook.load import cache

    fake = tmp_path / "phonenumbers.py"
    fake.write_text("__version__ = '8.0'\n")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: types.SimpleNamespace(
        origin=str(fake)) if name == "phonenumbers" else real(name))
    cache.installed.cache_clear()
    before = cache.memo_fingerprint(b"settings")
    assert cache.memo_fingerprint(b"settings") == before
    fake.write_text("__version__ = '9.0.1'\n")  # an upgrade
    cache.installed.cache_clear()
    assert cache.memo_fingerprint(b"settings") != before
    cache.installed.cache_clear()

"""The validated rule pack is cached per user (checker/rules/packcache.py): a warm cache gives the
same pack without YAML or jsonschema; a stale, corrupt, unwritable or raced cache is rebuilt; a
profile given by path is keyed by its bytes and those of what it extends."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import resources
from checker.rules import load_pack, packcache

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """A fresh per-user cache folder (XDG_CACHE_HOME) for this test."""
    home = tmp_path / "cache"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "checker"


@pytest.fixture
def own_rules(tmp_path, monkeypatch, cache_home):
    """A copy of rules/ and grammar/ that the test may edit, in place of the shipped ones."""
    for name in ("rules", "grammar"):
        shutil.copytree(resources.data_dir(name), tmp_path / name)
    monkeypatch.setattr(resources, "data_dir", lambda name: tmp_path / name)
    return tmp_path / "rules"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("pack-*.json")) if folder.is_dir() else []


def test_warm_cache_gives_the_validated_pack(cache_home):
    built = load_pack()
    assert len(_entries(cache_home)) == 1
    cached = packcache.load(None)
    assert cached is not None
    assert packcache.encode(cached) == packcache.encode(load_pack(fresh=True))
    assert all(c.rule is r for r in cached.rules for c in r.checks)  # back-references restored
    assert [r.code for r in cached.rules] == [r.code for r in built.rules]


def test_warm_check_loads_no_yaml_no_jsonschema_no_formula_grammar_build(cache_home):
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    code = ("import sys; from checker.rules import load_pack; load_pack(); "
            "print(sorted(m for m in ('yaml', 'jsonschema', 'checker.rules.loader') if m in sys.modules))")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "jsonschema" in first.stdout  # cold: the pack was validated
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "[]"


def test_findings_are_the_same_from_a_cached_pack(cache_home):
    from checker.pipeline import CheckOptions, check_file

    sample = str(next((ROOT / "samples").glob("001_*.txt")))
    fresh = check_file(sample, load_pack(fresh=True), CheckOptions())
    load_pack()  # writes the entry
    cached = packcache.load(None)
    assert cached is not None
    again = check_file(sample, cached, CheckOptions())
    key = lambda f: (f.code, f.severity, f.form, f.indicator, f.message["zh"], str(f.place))  # noqa: E731
    assert [key(f) for f in again.findings] == [key(f) for f in fresh.findings]
    assert fresh.findings


def test_an_edited_rule_file_is_a_cache_miss(own_rules):
    assert load_pack().rule("S101").title["zh"] != "改过的标题"
    path = own_rules / "S101.yaml"
    text = path.read_text(encoding="utf-8")
    old = load_pack().rule("S101").title["zh"]
    path.write_text(text.replace(old, "改过的标题", 1), encoding="utf-8")
    assert packcache.load(None) is None  # stale: not trusted
    assert load_pack().rule("S101").title["zh"] == "改过的标题"
    assert packcache.load(None).rule("S101").title["zh"] == "改过的标题"  # rewritten


def test_a_new_rule_file_is_a_cache_miss(own_rules):
    n = len(load_pack().rules)
    text = (own_rules / "S101.yaml").read_text(encoding="utf-8").replace("code: S101", "code: S199")
    (own_rules / "S199.yaml").write_text(text, encoding="utf-8")
    assert packcache.load(None) is None
    assert len(load_pack().rules) == n + 1


def test_a_broken_rule_file_is_reported_not_served_from_the_cache(own_rules):
    from checker.errors import RulePackError

    load_pack()
    (own_rules / "S101.yaml").write_text("code: S101\nseverity: loud\n", encoding="utf-8")
    with pytest.raises(RulePackError):
        load_pack()


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": "checker-pack-cache 1"}',
                                    b'{"format": "checker-pack-cache 1", "profile": null, "key": "x", '
                                    b'"files": [], "dirs": [], "pack": {}, "tables": {}}'])
def test_a_corrupt_entry_is_rebuilt(cache_home, damage):
    good = packcache.encode(load_pack())
    (entry,) = _entries(cache_home)
    entry.write_bytes(damage)
    assert packcache.load(None) is None
    assert packcache.encode(load_pack()) == good
    assert json.loads(entry.read_bytes())["format"] == packcache.FORMAT


def test_a_forged_entry_with_the_right_key_but_wrong_shape_is_rebuilt(cache_home):
    load_pack()
    (entry,) = _entries(cache_home)
    data = json.loads(entry.read_bytes())
    data["pack"] = {"$dc": "NoSuchClass", "f": {}}
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert packcache.load(None) is None
    assert len(load_pack().rules) > 10


def test_no_usable_cache_folder_still_loads(tmp_path, monkeypatch):
    home = tmp_path / "cache"
    home.mkdir()
    (home / "checker").write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    assert len(load_pack().rules) > 10
    assert (home / "checker").is_file()


def test_a_folder_others_may_write_is_neither_read_nor_written(cache_home):
    load_pack()
    (entry,) = _entries(cache_home)
    os.chmod(cache_home, 0o777)
    try:
        assert packcache.load(None) is None
        entry.unlink()
        assert len(load_pack().rules) > 10
        assert _entries(cache_home) == []
    finally:
        os.chmod(cache_home, 0o700)


def test_an_entry_others_may_write_is_not_read(cache_home):
    load_pack()
    (entry,) = _entries(cache_home)
    os.chmod(entry, 0o666)
    assert packcache.load(None) is None


def test_two_processes_building_at_once_leave_one_whole_entry(cache_home):
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    code = "from checker.rules import load_pack; print(len(load_pack().rules))"
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    assert len({o[0] for o in outs}) == 1
    assert len(_entries(cache_home)) == 1
    assert not [p for p in cache_home.iterdir() if p.name.startswith(".tmp-")]  # no half-written file left
    assert packcache.load(None) is not None


PROFILE = """\
name: test
source: a test profile
extends: {base}
severities:
  S101: {severity}
"""
BASE = """\
name: base
source: a test base profile
severities:
  S102: {severity}
"""


def test_a_profile_path_is_keyed_by_its_bytes_and_what_it_extends(tmp_path, cache_home):
    base = tmp_path / "base.yaml"
    base.write_text(BASE.format(severity="info"), encoding="utf-8")
    prof = tmp_path / "mine.yaml"
    prof.write_text(PROFILE.format(base=base, severity="info"), encoding="utf-8")
    pack = load_pack(profile=str(prof))
    assert (pack.rule("S101").severity, pack.rule("S102").severity) == ("info", "info")
    assert packcache.load(str(prof)) is not None
    prof.write_text(PROFILE.format(base=base, severity="warning"), encoding="utf-8")
    assert packcache.load(str(prof)) is None  # the profile changed: a miss
    assert load_pack(profile=str(prof)).rule("S101").severity == "warning"
    base.write_text(BASE.format(severity="warning"), encoding="utf-8")
    assert packcache.load(str(prof)) is None  # what it extends changed: a miss
    assert load_pack(profile=str(prof)).rule("S102").severity == "warning"
    assert packcache.load(str(prof)).rule("S102").severity == "warning"
    assert packcache.load(None) is None  # the baseline has its own entry


def test_entries_for_many_profiles_do_not_pile_up(tmp_path, cache_home):
    for i in range(packcache.KEEP + 3):
        prof = tmp_path / f"p{i}.yaml"
        prof.write_text(BASE.format(severity="info"), encoding="utf-8")
        load_pack(profile=str(prof))
    assert len(_entries(cache_home)) == packcache.KEEP
    assert packcache.load(str(prof)) is not None  # the newest is kept


def test_rules_validate_and_test_never_read_the_cache(cache_home, monkeypatch):
    from checker.cli.rules_cmd import command

    load_pack()

    def refuse(profile):
        raise AssertionError("validate must not read the cache")

    monkeypatch.setattr(packcache, "load", refuse)
    result = CliRunner().invoke(command, ["validate"])
    assert result.exit_code == 0, result.output
    assert "rule files valid" in result.output
    result = CliRunner().invoke(command, ["test", "--select", "S101"])
    assert result.exit_code == 0, result.output


def test_plain_encoding_round_trips_what_yaml_gives():
    from datetime import date
    from decimal import Decimal

    value = {"a": [Decimal("3531.93"), date(2026, 1, 1), None, True, 1.5], 2026: "int key",
             "$odd": {"$date": "not a date"}, "t": (1, "x")}
    assert packcache.decode(json.loads(json.dumps(packcache.encode(value)))) == value
    with pytest.raises(packcache.Uncacheable):
        packcache.encode({"x": object()})

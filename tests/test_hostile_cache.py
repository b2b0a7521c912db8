"""The grammar cache is a pickle: only a file of the user's own, in a folder of the user's own,
is ever unpickled (issue 15, item 1)."""

import os
import pickle
import subprocess
import sys

import pytest

from checker import usercache
from checker.values.parser import build_parser


class _Plant:
    """A pickle that, when loaded, creates the file ``marker`` (stands for any command)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _plant(path, marker):
    path.parent.mkdir(parents=True, exist_ok=True)
    # lark's cache format: a hash line, then pickles; ours: a header line, then one pickle
    path.write_bytes(b"x\n" + pickle.dumps(_Plant(marker)))


def _parse_in_fresh_process(tmp_path, env_updates):
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "HOME", "TMPDIR")}
    env.update(env_updates)
    code = "from checker.values import parse_value; print(parse_value('≥95%').number)"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "95"


def test_pickle_planted_in_the_shared_temp_folder_is_never_loaded(tmp_path):
    """Another user owns the temp folder's checker-cache; the victim's own cache root is
    unusable (a file where the folder should be): the plant must not run."""
    shared_tmp = tmp_path / "tmp"
    marker = tmp_path / "PWNED"
    _plant(shared_tmp / "checker-cache" / "indicator.lark.cache", marker)
    not_a_folder = tmp_path / "cachefile"
    not_a_folder.write_text("")
    _parse_in_fresh_process(tmp_path, {"TMPDIR": str(shared_tmp), "XDG_CACHE_HOME": str(not_a_folder),
                                       "HOME": str(not_a_folder)})
    assert not marker.exists()


def test_relative_home_puts_no_cache_in_the_current_folder(tmp_path):
    _parse_in_fresh_process(tmp_path, {"HOME": "~", "TMPDIR": str(tmp_path / "none")})
    assert not (tmp_path / "~").exists()


def test_group_writable_cache_folder_is_not_trusted(tmp_path, monkeypatch):
    marker = tmp_path / "PWNED"
    folder = tmp_path / "checker"
    _plant(folder / "indicator.lark.cache", marker)
    folder.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert usercache.cache_dir() is None
    assert build_parser(cache=str(folder / "indicator.lark.cache")).parse("≥95%").number == 95
    assert not marker.exists()


def test_planted_pickle_in_own_folder_without_our_header_is_not_loaded(tmp_path):
    marker = tmp_path / "PWNED"
    cache = tmp_path / "c" / "indicator.lark.cache"
    _plant(cache, marker)
    assert build_parser(cache=str(cache)).parse("≥95%").number == 95
    assert not marker.exists()
    assert cache.read_bytes().startswith(b"checker-lark-cache ")  # replaced by a real cache


def test_symlinked_cache_file_is_neither_followed_nor_overwritten(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    folder = tmp_path / "c"
    folder.mkdir(mode=0o700)
    (folder / "indicator.lark.cache").symlink_to(victim)
    assert build_parser(cache=str(folder / "indicator.lark.cache")).parse("≥95%").number == 95
    assert victim.read_text() == "keep me"
    assert not (folder / "indicator.lark.cache").is_symlink()


def test_cache_folder_is_created_private(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = usercache.cache_dir()
    assert folder == str(tmp_path / "xdg" / "checker")
    assert os.stat(folder).st_mode & 0o777 == 0o700


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a file owned by another user")
def test_cache_file_owned_by_another_user_is_not_read(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir(mode=0o700)
    cache = folder / "indicator.lark.cache"
    build_parser(cache=str(cache))
    os.chown(cache, 65534, 65534)
    assert usercache.read_trusted(str(cache)) is None

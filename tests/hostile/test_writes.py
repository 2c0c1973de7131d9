"""Writes never surprise: no input or edited file replaced without --force, no
record dropped without a word, links and permissions kept, write failures as the
library's own errors naming the path."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

import pathgraph
from pathgraph._files import atomic_write
from pathgraph.cli import main

ROOT = Path(__file__).resolve().parents[2]
BHT = ROOT / "examples" / "bht.yaml"
IT = ROOT / "examples" / "it-support.yaml"


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


# convert onto its own input ----------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_convert_onto_its_input_needs_force(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``convert a.yaml a.yaml`` succeeded silently."""
    a = tmp_path / f"a{suffix}"
    pathgraph.write(pathgraph.read(BHT), a)
    before = a.read_bytes()
    assert main(["convert", str(a), str(a), "--to", "json"]) == 2
    err = capsys.readouterr().err
    assert "is the input file" in err and "--force" in err
    assert a.read_bytes() == before
    assert main(["convert", str(a), str(a), "--force"]) == 0
    assert pathgraph.read(a) == pathgraph.read(BHT)


def test_convert_onto_a_link_to_its_input_needs_force(tmp_path: Path) -> None:
    a = _copy(BHT, tmp_path / "a.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(a)
    assert main(["convert", str(a), str(link)]) == 2
    assert main(["convert", str(link), str(a)]) == 2


# demo and the file it tells the user to edit ---------------------------------


def test_demo_keeps_an_edited_pathway(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``demo`` overwrote the pathway.yaml it told the user to edit."""
    out = tmp_path / "demo"
    assert main(["demo", "-o", str(out)]) == 0
    assert main(["demo", "-o", str(out)]) == 0  # unedited: runs again
    edited = out / "pathway.yaml"
    text = edited.read_text(encoding="utf-8") + "# my notes\n"
    edited.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["demo", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "differs from the example" in err and "--force" in err
    assert edited.read_text(encoding="utf-8") == text
    assert main(["demo", "-o", str(out), "--force"]) == 0
    assert edited.read_bytes() == BHT.read_bytes()


# lossy conversions ---------------------------------------------------------------


def test_a_lossy_conversion_lists_what_it_drops_and_needs_lossy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Converting to a curriculum CSV dropped records with no word."""
    out = tmp_path / "out.csv"
    assert main(["convert", str(IT), str(out)]) == 2
    err = capsys.readouterr().err
    assert "ged-tests" in err and "--lossy" in err and "nothing written" in err
    assert not out.exists()
    assert main(["convert", str(IT), str(out), "--lossy"]) == 0
    err = capsys.readouterr().err
    assert "dropped" in err and "ged-tests" in err
    assert out.exists()


def test_ctdl_keeps_every_record_of_the_requirement_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CTDL carries exams, conditions and courses (pg: terms where CTDL has none),
    so converting the IT example drops nothing and needs no --lossy."""
    out = tmp_path / "it.jsonld"
    assert main(["convert", str(IT), str(out)]) == 0
    assert "dropped" not in capsys.readouterr().err
    back = tmp_path / "back.yaml"
    assert main(["convert", str(out), str(back)]) == 0
    ids = {n.id for n in pathgraph.read(IT).nodes}
    assert ids <= {n.id for n in pathgraph.read(back).nodes}


def test_a_lossless_conversion_says_nothing_of_drops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(IT), str(tmp_path / "a.json")]) == 0
    assert "dropped" not in capsys.readouterr().err


def test_a_curriculum_without_courses_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bht.yaml has no courses: its CSV was a file no reader takes."""
    out = tmp_path / "bht.csv"
    assert main(["convert", str(BHT), str(out), "--lossy"]) == 2
    assert "no courses" in capsys.readouterr().err
    assert not out.exists()


# atomic writes: links, permissions ------------------------------------------------


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "a.txt"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "a.txt"
    link.symlink_to(target)
    atomic_write(link, "new")
    assert link.is_symlink()
    assert target.read_text() == "new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]


def test_writing_through_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "a.txt"
    link.symlink_to(tmp_path / "b.txt")
    atomic_write(link, "new")
    assert link.is_symlink() and (tmp_path / "b.txt").read_text() == "new"


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_an_existing_file_keeps_its_permissions(mode: int, tmp_path: Path) -> None:
    """A 0600 file became 0644."""
    path = tmp_path / "a.yaml"
    path.write_text("old")
    path.chmod(mode)
    atomic_write(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text() == "new"


def test_a_new_file_gets_the_umask(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "a.txt", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


# write failures --------------------------------------------------------------------


def _assert_clean_error(info: pytest.ExceptionInfo[pathgraph.PathgraphError]) -> None:
    assert "cannot write" in str(info.value)


def test_writing_under_a_file_names_the_path(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for path in (tmp_path / "file" / "a.yaml", tmp_path / "file" / "sub" / "a.yaml"):
        with pytest.raises(pathgraph.PathgraphError, match="cannot write") as info:
            atomic_write(path, "x")
        assert str(path) in str(info.value)
        assert "is a file" in str(info.value)


def test_writing_onto_a_folder_names_the_path(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(pathgraph.PathgraphError, match="is a folder"):
        atomic_write(tmp_path / "d", "x")
    assert [p.name for p in (tmp_path / "d").iterdir()] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_writing_into_a_read_only_folder_names_the_path(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(pathgraph.PathgraphError, match="permission denied"):
            atomic_write(folder / "a.yaml", "x")
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "no space left"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only"),
        (errno.EIO, "Input/output error"),
    ],
)
def test_a_failed_write_leaves_nothing_and_names_the_path(
    code: int, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk gave a raw OSError."""

    class Failing:
        def __init__(self, fd: int, mode: str) -> None:
            os.close(fd)

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def write(self, data: bytes) -> int:
            raise OSError(code, os.strerror(code))

    path = tmp_path / "a.yaml"
    path.write_text("old")
    monkeypatch.setattr(os, "fdopen", Failing)
    with pytest.raises(pathgraph.PathgraphError, match=words) as info:
        atomic_write(path, "new")
    assert str(path) in str(info.value)
    assert isinstance(info.value.__cause__, OSError)
    monkeypatch.undo()
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_the_cli_reports_a_write_failure_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" / "out.json"
    assert main(["convert", str(BHT), str(out)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write {out}" in err
    assert "Traceback" not in err

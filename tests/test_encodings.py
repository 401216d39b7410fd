"""Encodings: UTF-8 with and without BOM, GB18030/GBK, UTF-16 with a BOM (and without), generated
here; undecodable input is exit 2 with one line."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_main
from gaonb_lint.errors import InputError
from gaonb_lint.readers.decode import decode, looks_like_chinese

SEED = next((Path(__file__).resolve().parent / "fixtures" / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding,name", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16"), ("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"),
])
def test_decodes_to_the_same_text(encoding, name):
    text, found = decode("r.txt", SEED.encode(encoding))
    assert text == SEED and found == name


def test_crlf_is_normalised_without_moving_lines():
    text, _ = decode("r.txt", "一、总体情况\r\n正文\r\n".encode("gb18030"))
    assert text == "一、总体情况\n正文\n"


@pytest.mark.parametrize("data", [
    "政府資訊公開年度報告，本機關本年度未收取資訊處理費。".encode("big5"),  # decodes as GBK, but to rare characters
    "バスの運転手さんに聞いてください".encode("shift_jis"),
    b"plain ascii then \x80\xff bytes",
    bytes(range(256)),
])
def test_other_encodings_are_refused(data):
    with pytest.raises(InputError) as e:
        decode("r.txt", data)
    assert str(e.value).startswith("r.txt: ")


def test_sanity_check_accepts_every_seed():
    for path in (Path(__file__).resolve().parent / "fixtures" / "seeds").glob("*.txt"):
        assert looks_like_chinese(path.read_text(encoding="utf-8"))


def test_html_meta_charset_for_a_non_gb_encoding():
    data = b'<meta charset="big5"><p>' + "政府資訊公開".encode("big5") + b"</p>"
    text, enc = decode("r.html", data)
    assert "政府資訊公開" in text and enc == "big5"


def test_cli_reads_gbk_and_reports_it_in_verbose(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(SEED.encode("gbk"))
    utf8 = tmp_path / "u.txt"
    utf8.write_text(SEED, encoding="utf-8")
    code_gbk, out_gbk, err = run_main(["check", "--isolated", "--verbose", str(path)])
    code_utf8, out_utf8, _ = run_main(["check", "--isolated", str(utf8)])
    assert code_gbk == code_utf8
    assert out_gbk.replace("r.txt", "X") == out_utf8.replace("u.txt", "X")
    assert "gb18030" in err


def test_cli_undecodable_is_exit_2_one_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("政府資訊公開年度報告".encode("big5") * 20)
    code, out, err = run_main(["check", "--isolated", str(path)])
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0] and "Traceback" not in err

"""Builders of synthetic Web of Science and CSSCI exports for the bibliometrics tests and benchmark.

Everything here is made up for testing: titles say so, identifiers are in a
range (WOS:9999...) that no real record uses.
"""
from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "bibliometrics"
EXPORT = FIXTURES / "export"

ADDRESSES = [
    "Beijing Normal Univ, Fac Educ, Beijing 100875, Peoples R China.",
    "Univ Oxford, Dept Educ, Oxford OX2 6PY, England.",
    "Univ Hong Kong, Fac Educ, Pokfulam, Hong Kong, Peoples R China.",
    "Univ New S Wales, Sch Educ, Sydney, NSW 2052, Australia.",
    "Stanford Univ, Grad Sch Educ, Stanford, CA 94305 USA.",
    "Univ Edinburgh, Moray House Sch Educ, Edinburgh EH8 8AQ, Midlothian, Scotland.",
]


def wos_record(n: int, year: int = 2015, n_refs: int = 3, addresses: list[str] | None = None) -> str:
    """One tagged plain-text record (ending with its ER line)."""
    addresses = addresses or [ADDRESSES[n % len(ADDRESSES)], ADDRESSES[(n * 7 + 1) % len(ADDRESSES)]]
    authors = [f"Author{n}, A{i}" for i in range(len(addresses))]
    lines = ["PT J", f"AU {authors[0]}", *[f"   {a}" for a in authors[1:]]]
    lines += [f"AF {authors[0]}", *[f"   {a}" for a in authors[1:]]]
    lines += [f"TI Synthetic record {n} for testing (not real data)", "SO SYNTHETIC JOURNAL OF EDUCATION", "LA English", "DT Article"]
    c1 = [f"[{a}] {addr}" for a, addr in zip(authors, addresses)]
    lines += [f"C1 {c1[0]}", *[f"   {c}" for c in c1[1:]]]
    lines += [f"RP {authors[0]} (corresponding author), {addresses[0]}"]
    lines += [f"FU National Natural Science Foundation of China [{n}]; Economic and Social Research Council [ES/{n}/1]"]
    if n_refs:
        refs = [f"Cited{n}{i} A, {2000 + i % 20}, SYNTH J, V{i}, P{i + 1}, DOI 10.9999/synth.{n}.{i}" for i in range(n_refs)]
        lines += [f"CR {refs[0]}", *[f"   {r}" for r in refs[1:]], f"NR {n_refs}"]
    lines += [f"PY {year}", "VL 1", f"BP {n}", "WC Education & Educational Research", "SC Education & Educational Research"]
    lines += [f"UT WOS:9999{n:08d}", "ER"]
    return "\n".join(lines) + "\n"


def wos_plain(records: list[str], header: str = "FN Clarivate Analytics Web of Science", ef: bool = True) -> str:
    return f"{header}\nVR 1.0\n" + "\n".join(records) + ("\nEF\n" if ef else "")


def write_wos_plain(path: Path, n_records: int, start: int = 0, n_refs: int = 3) -> Path:
    """A plain-text export of ``n_records`` records, written in a stream (for the benchmark)."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("FN Clarivate Analytics Web of Science\nVR 1.0\n")
        for n in range(start, start + n_records):
            handle.write(wos_record(n, 2001 + n % 20, n_refs))
            handle.write("\n")
        handle.write("EF\n")
    return path


def cssci_record(n: int, year: int = 2019) -> str:
    return (
        f"【来源篇名】合成测试记录{n}（非真实数据）\n【来源作者】作者{n}/作者{n + 1}\n【基    金】国家社会科学基金({n})\n"
        f"【期    刊】合成教育研究\n【第一机构】北京师范大学教育学部\n【机构名称】[作者{n}]北京师范大学教育学部.\n"
        f"【第一作者】作者{n}\n【中图类号】G640\n【年代卷期】{year},40(03):1-10\n【关 键 词】国际合作\n【参考文献】\n     1.合成参考文献.2015\n"
        + "-" * 71 + "\n\n"
    )

"""Categories per paper (first author, collaboration, funding) and the aggregate series."""
from __future__ import annotations


import pandas as pd
import pytest

from analysis import datasets
from analysis.bibliometrics import funders
from analysis.bibliometrics.aggregate import Aggregates
from analysis.bibliometrics.papers import classify_cssci, classify_wos, cited_ref_keys, source_ref_key
from analysis.bibliometrics.readers import ReadReport, Record, read_export
from tests.bibliometrics_helpers import EXPORT


def papers_of(name: str):
    path = EXPORT / name
    report = ReadReport(str(path))
    return {p.key: p for p in (classify_cssci(r) if r.format == "cssci" else classify_wos(r) for r in read_export(path, report))}


# The tab file repeats record 1 without its funding; the plain-text copy is the one checked.
ALL = {**papers_of("wos_core.tab"), **papers_of("wos_all_databases.tab"), **papers_of("wos_thomson_reuters.txt"), **papers_of("wos_clarivate.txt")}

EXPECTED = {
    # UT: (countries, lead country, categories beyond "all", China-UK education?)
    1: ({"CHN"}, "CHN", {"domestic_only", "funded", "funded_by_china"}, False),
    2: ({"GBR"}, "GBR", {"domestic_only", "funded", "funded_by_uk"}, False),
    3: ({"CHN", "GBR"}, "CHN", {"international", "international_led_by_china", "china_uk", "china_uk_led_by_china", "funded", "funded_by_china", "funded_by_uk", "funded_by_china_and_uk"}, True),
    4: ({"CHN", "GBR"}, "GBR", {"international", "international_led_by_uk", "china_uk", "china_uk_led_by_uk", "funded", "funded_by_china"}, True),
    5: ({"CHN", "USA"}, "CHN", {"international", "international_led_by_china"}, False),
    6: ({"AUS", "GBR"}, "AUS", {"international", "international_led_by_other"}, False),
    7: ({"CHN", "HKG"}, "CHN", {"international", "international_led_by_china", "funded"}, False),
    8: ({"TWN"}, "TWN", {"domestic_only"}, False),
    11: ({"CHN", "GBR"}, "CHN", {"international", "international_led_by_china", "china_uk", "china_uk_led_by_china"}, True),
    12: ({"GBR"}, "GBR", {"domestic_only"}, False),
    13: ({"CHN", "GBR"}, "GBR", {"international", "international_led_by_uk", "china_uk", "china_uk_led_by_uk", "funded", "funded_by_china", "funded_by_uk", "funded_by_china_and_uk"}, True),
    15: ({"CHN", "GBR"}, "CHN", {"international", "international_led_by_china", "china_uk", "china_uk_led_by_china", "funded", "funded_by_china"}, True),
}


@pytest.mark.parametrize("n", sorted(EXPECTED))
def test_categories_of_each_fixture_paper(n):
    paper = ALL[f"WOS:9999{n:08d}"]
    countries, lead, categories, china_uk_education = EXPECTED[n]
    assert set(paper.countries) == countries
    assert paper.lead_country == lead
    assert set(paper.categories) == {"all"} | categories
    assert ("china_uk_education" in paper.groups) is china_uk_education


def test_hong_kong_funding_is_not_chinese():
    assert ALL["WOS:999900000007"].agency_countries == frozenset({"HKG"})


def test_economics_paper_is_social_science_not_education():
    paper = ALL["WOS:999900000009"]
    assert "china_uk_social_science" in paper.groups and "world_education" not in paper.groups


def record(**fields) -> Record:
    return Record.from_lists({k: v if isinstance(v, list) else [v] for k, v in fields.items()}, "test", 1, "wos-plain")


def test_first_author_comes_from_c1_not_rp():
    # The corresponding (RP) author is in the UK, the first author in China: China leads.
    paper = classify_wos(record(
        AU=["Wang, D", "Jones, E"], AF=["Wang, Dan", "Jones, Emma"],
        C1=["[Jones, Emma] Univ Leeds, Leeds, England.", "[Wang, Dan] Peking Univ, Beijing, Peoples R China."],
        RP="Jones, E (corresponding author), Univ Leeds, Leeds, England.", PY="2019", SC=["Education & Educational Research"]))
    assert paper.lead_country == "CHN"


def test_first_author_with_two_addresses_takes_the_first_listed():
    paper = classify_wos(record(
        AF=["Li, An", "Smith, Bo"],
        C1=["[Smith, Bo; Li, An] Univ Oxford, Oxford, England.", "[Li, An] Peking Univ, Beijing, Peoples R China."], PY="2019"))
    assert paper.lead_country == "GBR"


def test_rp_is_used_only_without_c1_and_only_for_the_first_author():
    only_rp = classify_wos(record(AU=["Hughes, T"], RP="Hughes, T (reprint author), Univ Bristol, Bristol, England.", PY="2003"))
    assert only_rp.lead_country == "GBR" and only_rp.countries == frozenset({"GBR"})
    other_rp = classify_wos(record(AU=["Hughes, T", "Li, A"], RP="Li, A (reprint author), Peking Univ, Beijing, Peoples R China.", PY="2003"))
    assert other_rp.lead_country is None


def test_unknown_lead_when_first_author_has_no_address():
    paper = classify_wos(record(AF=["Nobody, N", "Li, An"], C1=["[Li, An] Peking Univ, Beijing, Peoples R China.", "[Smith, B] Univ Oxford, Oxford, England."], PY="2010"))
    assert "international_lead_unknown" in paper.categories and "china_uk_lead_unknown" in paper.categories


def test_no_address_category():
    paper = classify_wos(record(AU=["X, Y"], PY="2010", SC="Education & Educational Research"))
    assert "no_address" in paper.categories


@pytest.mark.parametrize(
    "entry,name",
    [
        ("National Natural Science Foundation of China [71874093, 71974001]", "National Natural Science Foundation of China"),
        ("Economic and Social Research Council (ESRC) [ES/P005292/1]", "Economic and Social Research Council (ESRC)"),
        ("British Academy", "British Academy"),
    ],
)
def test_agency_name_drops_grant_numbers(entry, name):
    assert funders.agency_name(entry) == name


def test_agency_key_ignores_spelling_noise():
    assert funders.agency_key("The Economic and Social Research Council") == funders.agency_key("Economic Social Research Council")


def test_every_funder_rule_example():
    rules = funders.default_rules()
    for row in rules.rows:
        assert rules.country(row["example_agency"]) == row["country_code"], row
    # The agencies the study's funding tables list land in the printed country or region.
    printed = {
        "National Science Foundation of China NSFC": "CHN", "Fundamental Research Funds for Central Universities": "CHN",
        "Ministry of Education China": "CHN", "China Scholarship Council": "CHN",
        "Peak Discipline Construction Project of Education": "CHN",
        "Comprehensive Discipline Construction Fund of Faculty of Education": "CHN",
        "Peak Discipline Construction of Education at East China Normal University": "CHN",
        "National Science Foundation NSF": "USA", "British Academy": "GBR",
        "Economic Social Research Council ESRC": "GBR", "UK Research Innovation UKRI": "GBR",
        "United States Department of Health Human Services": "USA", "National Institute of Health USA": "USA",
        "UK Research Innovation (UKRI)": "GBR", "Economics Social Research Council (ESRC)": "GBR", "European Commission": "EU",
        "Medical Research Council UK (MRC)": "GBR", "National Institute for Health Research (NIHR)": "GBR", "Wellcome Trust": "GBR",
        "Arts Humanities Research Council (AHRC)": "GBR", "Australian Research Council": "AUS", "The British Council": "GBR",
    }
    for agency, code in printed.items():
        assert rules.country(agency) == code, agency


def test_cited_reference_keys_match_source_keys():
    source = record(AU=["Wang, D", "Jones, E"], PY="2018", VL="12", BP="101", DI="10.9999/X")
    assert cited_ref_keys("Wang D, 2018, SYNTH J EDUC, V12, P101, DOI 10.9999/synthetic.0003") == ("10.9999/synthetic.0003", source_ref_key(source))
    assert cited_ref_keys("Anon, 2001, SOME BOOK") == ("", "")
    assert cited_ref_keys("Li A, 2010, J X, V1, P2, DOI [10.1/a, 10.1/b]")[0] == "10.1/a"


def test_cssci_paper():
    paper = papers_of("cssci_education.txt")
    years = sorted(p.year for p in paper.values())
    assert years == [2010, 2015, 2019]
    education = sorted(p.year for p in paper.values() if "cssci_education" in p.groups)
    assert education == [2010, 2019]  # G640 and G40 are education; F120 is economics
    funded = [p for p in paper.values() if "funded" in p.categories]
    assert len(funded) == 1 and funded[0].agencies == ["国家社会科学基金", "教育部人文社会科学研究项目"]
    first = next(p for p in paper.values() if p.year == 2019)
    assert first.addresses == ["[张三]北京师范大学教育学部.", "[李四]华东师范大学教育学部."]
    assert first.first_author == "张三"


# ---------------------------------------------------------------------------
# Aggregates over the whole fixture export
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def aggregates() -> Aggregates:
    from analysis.bibliometrics.cli import find_exports

    agg = Aggregates()
    for path in find_exports(EXPORT):
        citing = "citing" in path.parts
        for r in read_export(path, ReadReport(str(path))):
            paper = classify_cssci(r) if r.format == "cssci" else classify_wos(r)
            (agg.add_citing if citing else agg.add_paper)(paper)
    return agg


def series(agg, group, category):
    frame = pd.DataFrame(agg.papers_rows())
    frame = frame[(frame.group == group) & (frame.category == category) & (frame.papers > 0)]
    return dict(zip(frame.year, frame.papers))


def test_yearly_series(aggregates):
    assert series(aggregates, "china_uk_education", "all") == {2005: 1, 2011: 1, 2018: 1, 2019: 1, 2020: 1}
    assert series(aggregates, "china_uk_education", "china_uk_led_by_china") == {2005: 1, 2011: 1, 2018: 1}
    assert series(aggregates, "china_uk_education", "china_uk_led_by_uk") == {2019: 1, 2020: 1}
    assert sum(series(aggregates, "uk_education", "all").values()) == 9
    assert sum(series(aggregates, "china_education", "all").values()) == 8
    assert series(aggregates, "cssci_education", "all") == {2010: 1, 2019: 1}
    assert aggregates.counts["duplicate records (same UT or CSSCI record), counted once"] == 1
    assert aggregates.counts["papers outside 2001-2020, not in the yearly series"] == 1


def test_every_group_has_the_full_grid_and_shares(aggregates):
    frame = pd.DataFrame(aggregates.papers_rows())
    assert (frame.groupby(["group", "category"]).size() == 20).all()
    row = frame[(frame.group == "china_education") & (frame.category == "international_led_by_china") & (frame.year == 2014)].iloc[0]
    assert (row.papers, row.share_of, row.share_of_papers, row.share) == (1, "international", 1, 1.0)
    empty = frame[(frame.group == "china_education") & (frame.category == "all") & (frame.year == 2001)].iloc[0]
    assert empty.share == ""  # no papers to take a share of: empty, not 0


def test_funding_agencies(aggregates):
    rows = [r for r in aggregates.agency_rows() if r["group"] == "china_uk_education"]
    assert rows[0]["agency"] == "China Scholarship Council" and rows[0]["papers"] == 2 and rows[0]["share"] == 0.4
    assert {r["agency_country"] for r in rows} == {"CHN", "GBR"}
    assert all(r["group_papers"] == 5 for r in rows)


def test_citation_sources(aggregates):
    rows = pd.DataFrame(aggregates.citation_rows())
    cu = rows[(rows.group == "china_uk_education") & (rows.period == "2016-2020")]
    assert dict(zip(cu.country_code, cu.citing_records)) == {"CHN": 1, "ESP": 1, "GBR": 1}
    assert set(cu.all_citing_records) == {2} and set(cu.share) == {0.5}
    early = rows[(rows.group == "china_education") & (rows.period == "2011-2015")]
    assert set(early.country_code) == {"CHN", "GBR"}  # the citing record of the 2012 paper
    assert aggregates.counts["citing records that cite none of the exported China, UK or China-UK papers"] == 1


def test_written_datasets_validate(tmp_path, aggregates):
    from analysis.bibliometrics.aggregate import write_datasets

    written = write_datasets(aggregates, tmp_path, [{"file": "x", "role": "papers", "format": "wos-plain", "records_in": 1, "records_out": 1, "records_rejected": 0}], ["note"])
    for csv_path in written:
        descriptor = csv_path.with_name(csv_path.stem + ".resource.yaml")
        frame = datasets.load_file(descriptor)  # frictionless validation of every row
        assert len(frame) > 0


# ---------------------------------------------------------------------------
# Source figures: catalogue, reproductions, renderer
# ---------------------------------------------------------------------------


def test_source_figure_catalogue():
    figures = datasets.load("source_figures")
    assert list(figures["position"]) == list(range(1, len(figures) + 1))
    assert list(figures[figures["label_as_printed"] == "Figure 13"]["id"]) == ["fig13a", "fig13b"]
    from analysis.china_uk.source_figures import REPRODUCTIONS

    for row in figures.itertuples():
        if pd.isna(row.chart):
            assert row.id == "fig01"
            continue
        name, dataset, *_ = REPRODUCTIONS[row.id]
        assert (name, dataset) == (row.chart, row.dataset)


def test_reproductions_register_only_with_data(tmp_path, aggregates):
    from analysis.bibliometrics.aggregate import write_datasets
    from analysis.china_uk import source_figures as sf
    from analysis.registry import REGISTRY

    assert sf.register_reproductions(set()) == []
    write_datasets(aggregates, tmp_path, [], ["note"])
    names = sf.register_reproductions({sf.PAPERS, sf.AGENCIES})
    try:
        assert len(names) == 12
        papers = datasets.load_file(tmp_path / "bibliometric_papers_by_year.resource.yaml")
        agencies = datasets.load_file(tmp_path / "bibliometric_funding_agencies.resource.yaml")
        for name in names:
            art = REGISTRY[name]
            chart = art.func(papers if art.inputs == [sf.PAPERS] else agencies)
            spec = chart.to_dict()  # validates against the Vega-Lite schema
            assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
            assert art.meta["alt"](papers).startswith("Chart:")
    finally:
        for name in names:
            REGISTRY.pop(name, None)


def _page():
    return {"src_uri": "china-uk/findings.md", "file_url": "china-uk/findings/", "use_directory_urls": True}


def test_source_figure_renderer_without_data():
    import fragments.slide_figure as rsf

    catalogue = {"fig05": {"label_as_printed": "Figure 5", "caption_as_printed": "Outputs *of* world", "showed": "Yearly @counts.", "chart": "world_chart"}}
    html = rsf.render_source_figure("fig05", **_page(), catalogue=catalogue, artifacts={},
                                    render_chart=lambda name: pytest.fail("no chart without data"))
    # One muted line where the figure stood, its words from the catalogue; the caption and
    # the reason are in the data notes' table, which the line links to.
    assert "Slide Figure 5, not redrawn" in html and html.count("<p") == 1 and "<details" not in html
    assert "Yearly &#64;counts." in html  # data cannot turn into markup or citations
    assert 'href="../../datasets/notes/#table-source_figures_not_redrawn"' in html
    with pytest.raises(Exception, match="no source figure 'fig99'"):
        rsf.render_source_figure("fig99", **_page(), catalogue=catalogue, artifacts={}, render_chart=lambda n: "")


def test_source_figure_renderer_with_data():
    import fragments.slide_figure as rsf

    catalogue = {"fig05": {"label_as_printed": "Figure 5", "caption_as_printed": "Outputs", "showed": "x", "chart": "world_chart"}}
    html = rsf.render_source_figure("fig05", **_page(), catalogue=catalogue, artifacts={"world_chart": {"kind": "chart"}},
                                    render_chart=lambda name: f"<figure>{name}</figure>")
    assert "<figure>world_chart</figure>" in html and "not reproduced" not in html

"""Render one interview quotation from the quote bank (generated/json/quotes.json).

A page writes ``{{ quote("cu-initiation-01") }}`` on a line of its own; hooks/include.py
calls :func:`render_quote`, which returns one raw-HTML block from templates/quote.html:
the text in a ``<blockquote>`` (a paraphrase in a paragraph), one speaker line, and one
"Source and citation" disclosure. The disclosure is plain text with few tags (a page
of 52 cards must stay under 1,500 elements): the participant record joined by code
from the participants data, source, theme, marking, how to cite it and the study, a
permalink to the quote's stable anchor on the all-quotes page, and the link to the
site's four formats in citations.html (hooks/cite.py), which docs/javascripts/cite.js
loads into the box when it is opened. An unknown id fails the build naming the page.

Every string from the data is escaped for HTML *and* for Markdown and the site's
other hooks (``[``, ``*``, ``_``, backticks, ``@`` ...), so a quote can never turn
into markup, a link or a citation.
"""
from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from analysis import paths
from hooks.cite import cite_box, registered_citations

ALL_QUOTES_SRC = "quotes/all.md"
STUDY_SLUG = {"china_uk": "china-uk", "korea_uk": "korea-uk"}
STUDY_REFERENCE_ID = {"china_uk": "yu2022", "korea_uk": "hwang2008"}

# Characters that Markdown, pymdownx (caret, tilde) or the references hook ("@key")
# would read as syntax, as numeric entities: they display as themselves.
_MARKUP_CHARS = {c: f"&#{ord(c)};" for c in "[]*_`@{}\\|~^"}

_cache: dict = {}


def escape_text(text: str) -> str:
    """HTML-escape a data string and neutralise Markdown and hook syntax in it."""
    out = escape(" ".join(str(text).split()), quote=True)
    # escape() has already turned < > & " ' into entities; the rest is neutralised here.
    return "".join(_MARKUP_CHARS.get(c, c) for c in out)


def escape_attr(text: str) -> str:
    """A data string inside an attribute value: raw HTML attributes are not read as Markdown."""
    return escape(str(text), quote=True)


def _manifest() -> dict:
    """generated/manifest.json, read again only when the file changed (it is read for every quote)."""
    stat = paths.MANIFEST.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    if _cache.get("manifest_key") != key:
        _cache["manifest"] = json.loads(paths.MANIFEST.read_text(encoding="utf-8"))
        _cache["manifest_key"] = key
    return _cache["manifest"]


def quote_bank() -> dict:
    """The quote records and coding frames of this build, indexed by id."""
    # Read from generated/manifest.json, which hooks/include.py's on_config has just
    # written: MkDocs loads hook files under their path names, so importing
    # hooks.include here would give a second module with empty state.
    if not paths.MANIFEST.exists():
        raise PluginError("quote: generated/manifest.json is missing (hooks/include.py runs the analysis first)")
    manifest = _manifest()
    entry = manifest["artifacts"].get("quotes")
    if entry is None or entry.get("kind") != "json":
        raise PluginError("quote: no JSON artifact named 'quotes' (is analysis.quotes listed in TOPICS?)")
    path = paths.GENERATED / entry["files"]["json"]
    key = (str(path), entry.get("key"), manifest.get("fingerprint"))
    if _cache.get("key") != key:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["by_id"] = {q["id"]: q for q in data["quotes"]}
        _cache.clear()  # a new build (mkdocs serve) may also have a new site version
        _cache.update(key=key, bank=data)
    return _cache["bank"]


def doc_url(src_uri: str, use_directory_urls: bool) -> str:
    """The site URL MkDocs gives a Markdown file at ``src_uri``."""
    return File(src_uri, None, None, use_directory_urls).url


def theme_src(study: str, theme: str) -> str:
    return f"quotes/{STUDY_SLUG[study]}/{theme}.md"


def _link(page, src_uri: str, anchor: str = "") -> str:
    url = get_relative_url(doc_url(src_uri, page.file.use_directory_urls), page.file.url)
    return url + (f"#{anchor}" if anchor else "")


def _site_base(page) -> str:
    """The site's absolute base URL, from this page's canonical URL (site_url)."""
    canonical = page.canonical_url or ""
    if canonical and page.url and canonical.endswith(page.url):
        return canonical[: -len(page.url)]
    return canonical


def permalink(page, quote_id: str) -> str:
    return _site_base(page) + doc_url(ALL_QUOTES_SRC, page.file.use_directory_urls) + f"#q-{quote_id}"


# ---------------------------------------------------------------------------
# Citation of one excerpt: the study it comes from, and this site's record of it
# ---------------------------------------------------------------------------
_PROPER = {"china", "chinese", "uk", "korea", "korean", "british", "china-uk", "korea-uk"}


def _sentence_case(title: str) -> str:
    """APA sentence case: lower-case all but the first word, words after a colon and proper nouns."""
    words = " ".join(title.split()).split(" ")
    out = []
    for i, word in enumerate(words):
        keep = i == 0 or out[-1].endswith(":") or word.lower().strip(",.;") in _PROPER or word.isupper()
        out.append(word if keep else word.lower())
    return " ".join(out)


def _site_meta() -> dict:
    if "site" not in _cache:
        from hooks.cite import load_metadata, site_version

        meta = load_metadata()
        related = {r["id"]: r for r in meta.get("related", [])}
        missing = [k for k in STUDY_REFERENCE_ID.values() if k not in related]
        if missing:
            raise PluginError(f"citation.yaml: 'related' lacks {', '.join(missing)}, which quote citations credit")
        _cache["site"] = {"meta": meta, "version": site_version(), "related": related}
    return _cache["site"]


def _initial(given: str) -> str:
    return " ".join(part[0] + "." for part in given.replace("-", " ").split())


def study_apa(study: str) -> str:
    rel = _site_meta()["related"][STUDY_REFERENCE_ID[study]]
    author = ", ".join(f"{a['family']}, {_initial(a.get('given', ''))}" for a in rel["authors"])
    title = _sentence_case(rel["title"])
    if rel.get("journal"):
        doi = f" https://doi.org/{rel['doi']}" if rel.get("doi") else ""
        return f"{author} ({rel['year']}). {title}. {rel['journal']}, {rel['volume']}({rel['issue']}), {rel['pages'].replace('-', '–')}.{doi}"
    series = f" ({rel['series']} No. {rel['number']})" if rel.get("series") else ""
    return f"{author} ({rel['year']}). {title}{series}. {rel['institution']}."


def _bib(text: str) -> str:
    """A BibTeX field value: TeX's special characters escaped."""
    return re.sub(r"([&%$#])", r"\\\1", " ".join(str(text).split()))


def study_bibtex(study: str) -> str:
    rel = _site_meta()["related"][STUDY_REFERENCE_ID[study]]
    authors = " and ".join(f"{a['family']}, {a.get('given', '')}".strip(", ") for a in rel["authors"])
    fields = [("author", authors), ("title", "{" + rel["title"] + "}"), ("year", str(rel["year"]))]
    if rel.get("journal"):
        kind = "article"
        fields += [("journal", rel["journal"]), ("volume", str(rel["volume"])), ("number", str(rel["issue"])),
                   ("pages", rel["pages"].replace("-", "--")), ("doi", rel.get("doi", ""))]
    else:
        kind = "techreport"
        fields += [("institution", rel["institution"]), ("type", rel.get("series", "")), ("number", str(rel.get("number", "")))]
    body = ",\n".join(f"  {k:<12} = {{{_bib(v)}}}" for k, v in fields if v)
    return f"@{kind}{{{rel['id']},\n{body}\n}}"


def speaker_label(q: dict) -> str:
    sp = q["speaker"]
    return sp["code_as_printed"] if sp["attributed"] else (f"unattributed; {sp['inferred_code']} inferred" if sp["inferred_code"] else "unattributed")


def in_text(q: dict) -> str:
    rel = _site_meta()["related"][STUDY_REFERENCE_ID[q["study"]]]
    author = rel["authors"][0]["family"]
    page = f", p. {q['page'].replace('-', '–')}" if q["page"] else ""
    code = q["speaker"]["code_as_printed"]
    # The in-text form says whose words they are: the participant's, or the study's about them.
    if q["speaker"]["attributed"] and q.get("kind") == "reported":
        return f"({author}, {rel['year']}{page}, reporting {code})"
    if q["speaker"]["attributed"] and q.get("kind") == "paraphrase":
        return f"({author}, {rel['year']}{page}, paraphrasing {code})"
    if q["speaker"]["attributed"]:
        return f"({code}, as cited in {author}, {rel['year']}{page})"
    return f"({author}, {rel['year']}{page})"


def citation_texts(q: dict, url: str) -> dict:
    """The study the excerpt is quoted from; the site's own record of the excerpt (APA,
    Chicago, BibTeX, RIS at its permalink) is the cite box from hooks/cite.py."""
    return {"in_text": in_text(q), "apa": study_apa(q["study"]), "bibtex": study_bibtex(q["study"])}


def study_cite_anchor(study: str) -> str:
    return f"cite-study-{STUDY_SLUG[study]}"


def study_citation_html(study: str) -> str:
    """APA and BibTeX of the study the excerpts come from, once per study on the all-quotes
    page (hooks/quote_pages.py); each card links there (its 52 cards would otherwise repeat them)."""
    return (
        '<p class="irc-quote__cite-label">The study, APA 7</p>\n'
        + _code_block(study_apa(study), "irc-quote__apa")
        + '\n<p class="irc-quote__cite-label">The study, BibTeX</p>\n'
        + _code_block(study_bibtex(study), "irc-quote__bibtex")
    )


def _code_block(text: str, cls: str) -> str:
    # One line per source line, joined with "&#10;": a raw blank line would end the HTML block.
    return f'<pre class="{cls}"><code>' + "&#10;".join(escape_text_keep_spaces(line) for line in text.split("\n")) + "</code></pre>"


def escape_text_keep_spaces(line: str) -> str:
    return "".join(_MARKUP_CHARS.get(c, c) for c in escape(line, quote=True))


# ---------------------------------------------------------------------------
# The figure
# ---------------------------------------------------------------------------
INFERRED_NOTE = ("the only interviewee in the article’s tables who fits its description: "
                 "identified by this site, not by the article")


def people(q: dict, page) -> list[dict]:
    """Each speaker's participant record for the template: code, data file (linked from
    ``page``), the fields as the participants data gives them, and whether this site
    inferred the code (the source prints none)."""
    sp = q["speaker"]
    return [{"code": p["code"], "data_link": get_relative_url(p["data"], page.file.url),
             "data_name": p["data"].rsplit("/", 1)[-1], "fields": p["fields"], "inferred": not sp["attributed"]}
            for p in sp["people"]]


KIND_NOTE = {
    "verbatim": "The participant’s words as the study prints them.",
    "reported": "The study’s sentence about the participant; only the words in quotation marks are the participant’s.",
    "paraphrase": "The study’s sentence about the participant; no words in it are marked as the participant’s.",
}
KIND_CITE = {"verbatim": "participant's words", "reported": "the study's report", "paraphrase": "the study's paraphrase"}
_TEMPLATES = Path(__file__).resolve().parent / "templates"


def _finalize(value):
    """Every plain string a template prints is escaped for HTML and for Markdown and the hooks."""
    if isinstance(value, Markup) or value is None:
        return value if value is not None else ""
    return Markup(escape_text(value))


def template(name: str):
    if "env" not in _cache.setdefault("jinja", {}):
        _cache["jinja"]["env"] = Environment(
            loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True, finalize=_finalize,
            trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=False,
        )
    return _cache["jinja"]["env"].get_template(name)


def speaker_line(q: dict) -> str:
    """One line: code, country, role (China-UK); the source's description (Korea-UK)."""
    sp = q["speaker"]
    if sp["attributed"]:
        def one(p: dict) -> str:
            fields = dict(p["fields"])
            role = fields.get("Academic title") or fields.get("Role") or fields.get("Status in the UK") or ""
            return " · ".join(x for x in (p["code"], p["country"], role) if x)

        return " and ".join(one(p) for p in sp["people"])
    described = sp["as_printed"] or "Speaker not named"
    described = described[0].upper() + described[1:]
    # The source prints no participant code; the disclosure says how the speaker is described.
    return f"{described} · no code"


def _site_record(page, q: dict, url: str) -> tuple[str, dict]:
    """The site's own record of the excerpt (hooks/cite.py): registered for the page's
    citations.html, whose address the card links; its version and licence the card states."""
    anchor = f"q-{q['id']}"
    box = cite_box(page, None, anchor=anchor, title=f"Interview excerpt {q['id']} ({speaker_label(q)}; {KIND_CITE[q['kind']]})",
                   kind="quote", url=url, within="All quotations")
    src = re.search(r'data-cite-src="([^"]*)"', box)
    rec = registered_citations(page.file.src_uri).get(anchor)
    if not src or rec is None:
        raise PluginError(f"{page.file.src_uri}: quote {q['id']}: hooks/cite.py made no compact cite box to link")
    return unescape(src.group(1)), rec


def quote_html(q: dict, page, *, element_id: str | None) -> str:
    """The card for quote record ``q`` on ``page``: the quotation first, one speaker line,
    one disclosure for source and citation. No blank lines (one raw-HTML block)."""
    url = permalink(page, q["id"])
    cite_src, rec = _site_record(page, q, url)
    on_all_page = page.file.src_uri == ALL_QUOTES_SRC
    html = template("quote.html").render(
        q=q,
        element_id=element_id,
        url=url,
        countries="|".join(q["speaker"]["countries"]),
        kind_label=q["kind_label"],
        kind_note=KIND_NOTE[q["kind"]],
        speaker=speaker_line(q),
        translated=q["interview_language"] == "ko",
        people=people(q, page),
        inferred_note=INFERRED_NOTE,
        where=q["location"] + (f", p. {q['page']}" if q["page"] else ""),
        theme_link=_link(page, theme_src(q["study"], q["theme"]), q["sub_theme"]),
        all_link=_link(page, ALL_QUOTES_SRC, f"q-{q['id']}"),
        in_text=in_text(q),
        # The all-quotes page prints the study's APA and BibTeX once per study; elsewhere
        # the card gives the APA reference and links to both there.
        study_apa=None if on_all_page else study_apa(q["study"]),
        study_link=_link(page, ALL_QUOTES_SRC, study_cite_anchor(q["study"])),
        cite_src=cite_src,
        rec=rec,
    )
    # One raw-HTML block: no blank line may end it early.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_quote(name: str, page) -> str:
    """``{{ quote("id") }}``: one quote, by its stable id."""
    bank = quote_bank()
    q = bank["by_id"].get(name)
    if q is None:
        raise PluginError(
            f"{page.file.src_uri}: no quote with id '{name}' (ids are in data/quotes/quotes.csv, column 'id')"
        )
    # The permanent anchor q-<id> lives on the all-quotes page only: the same quote on a
    # chapter or theme page would otherwise repeat the id in the whole-site print page.
    used = page.__dict__.setdefault("_irc_quote_ids", set())
    element_id = f"q-{name}" if page.file.src_uri == ALL_QUOTES_SRC and name not in used else None
    used.add(name)
    return f"\n\n{quote_html(q, page, element_id=element_id)}\n\n"


def quote_ids_in(markdown: str) -> list[str]:
    return re.findall(r"\{\{\s*quote\(\s*\"([^\"]*)\"\s*\)\s*\}\}", markdown)

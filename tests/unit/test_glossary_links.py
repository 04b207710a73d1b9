"""The glossary linker on html.parser (transforms/glossary_links.py) against the regex
tokenizer it replaced (kept as the reference in tests/unit/regex_glossary_linker.py).

Three kinds of evidence:
- every finished page of the built site (tests/integration/test_glossary_links_site.py);
- hard cases one by one, each naming where the old linker was wrong and the new one differs
  on purpose;
- properties over generated HTML: removing the inserted links gives back the input, byte for
  byte; and on HTML without the intended differences the two linkers agree.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.regex_glossary_linker import link_first_uses
from transforms.glossary import Term
from transforms.glossary_links import link_glossary

ROOT = Path(__file__).resolve().parents[2]


def term(slug: str, forms: str) -> Term:
    return Term(slug, forms.split("|")[0], tuple(forms.split("|")), "Bibliometrics", f"Definition of {slug}. More words.", "glossary.md")


TERMS = [
    term("ssci", "SSCI|Social Sciences Citation Index"),
    term("web-of-science", "Web of Science"),
    term("centre-periphery", "centre-periphery|center-periphery"),
    term("multilayered", "multilayered centre-periphery"),
    term("ip", "IP|intellectual property"),
    term("amp", "amp"),  # spelled like the character reference &amp;
]
COMMON = [t for t in TERMS if t.slug != "amp"]  # where the linkers should agree (see INTENDED)
SLUG = {form.casefold(): t.slug for t in TERMS for form in t.forms}
ANCHOR = re.compile(r'<a class="irc-glossary-term" href="[^"]*" title="[^"]*">([^<]*)</a>')


def href(slug: str) -> str:
    return f"../glossary/#{slug}"


def old(html: str, terms: list[Term] = TERMS) -> str:
    return link_first_uses(html, terms, href)


def new(html: str, terms: list[Term] = TERMS) -> str:
    return link_glossary(html, terms, href)


def expected(marked: str) -> str:
    """``marked`` with each [[form]] as the link the linker writes for it."""
    def anchor(match: re.Match) -> str:
        slug = SLUG[match.group(1).casefold()]
        t = next(t for t in TERMS if t.slug == slug)
        return f'<a class="irc-glossary-term" href="{href(slug)}" title="{t.term}: Definition of {slug}.">{match.group(1)}</a>'
    return re.sub(r"\[\[(.+?)\]\]", anchor, marked)


# --- hard cases ------------------------------------------------------------------

SAME = {
    "attribute values holding '>' and quotes": (
        "<p title=\"a > SSCI\" data-x='b > \"Web of Science\"'>SSCI</p>",
        "<p title=\"a > SSCI\" data-x='b > \"Web of Science\"'>[[SSCI]]</p>"),
    "a comment": ("<!-- SSCI --><p>SSCI</p>", "<!-- SSCI --><p>[[SSCI]]</p>"),
    "a comment holding '>' and a tag": ("<!-- a > SSCI <p> --><p>SSCI</p>", "<!-- a > SSCI <p> --><p>[[SSCI]]</p>"),
    "script content holding '<' and tags": (
        '<script>if (a < b) { x = "<p>SSCI</p>"; }</script><p>SSCI</p>',
        '<script>if (a < b) { x = "<p>SSCI</p>"; }</script><p>[[SSCI]]</p>'),
    "style content holding '<' and '>'": (
        '<style>p > a::before { content: "<SSCI" }</style>SSCI', '<style>p > a::before { content: "<SSCI" }</style>[[SSCI]]'),
    "an unclosed script at the end": ('<p>SSCI</p><script>var a = "Web of Science";', '<p>[[SSCI]]</p><script>var a = "Web of Science";'),
    "entities and character references in text": (
        "<p>R&amp;D &#123; &#x7B; SSCI &amp; Web&nbsp;of Science, Web of Science</p>",
        "<p>R&amp;D &#123; &#x7B; [[SSCI]] &amp; Web&nbsp;of Science, [[Web of Science]]</p>"),
    "nested skipped elements, and text after them": (
        '<div class="irc-quote"><p><code>x</code> SSCI <em>SSCI</em></p></div><blockquote><q>IP</q> IP</blockquote><p>SSCI IP</p>',
        '<div class="irc-quote"><p><code>x</code> SSCI <em>SSCI</em></p></div><blockquote><q>IP</q> IP</blockquote><p>[[SSCI]] [[IP]]</p>'),
    "void elements": (
        '<p>a<br>SSCI<img alt="SSCI">b<hr>Web of Science<input value="IP">IP</p>',
        '<p>a<br>[[SSCI]]<img alt="SSCI">b<hr>[[Web of Science]]<input value="IP">[[IP]]</p>'),
    "self-closing void elements": ("<p>a<br/>SSCI<br />Web of Science</p>", "<p>a<br/>[[SSCI]]<br />[[Web of Science]]</p>"),
    "unclosed <p> and <li>": (
        "<p>one<p>SSCI<ul><li>two<li>Web of Science</ul>", "<p>one<p>[[SSCI]]<ul><li>two<li>[[Web of Science]]</ul>"),
    "unclosed <p> inside a skipped element": (
        "<blockquote><p>SSCI<p>x</blockquote><p>SSCI", "<blockquote><p>SSCI<p>x</blockquote><p>[[SSCI]]"),
    "upper-case tags and attributes": (
        '<P>x</P><CODE>SSCI</CODE><H2>Web of Science</H2><P CLASS="irc-chart">IP</P>SSCI',
        '<P>x</P><CODE>SSCI</CODE><H2>Web of Science</H2><P CLASS="irc-chart">IP</P>[[SSCI]]'),
    "inline SVG, its text and self-closed children": (
        '<svg viewBox="0 0 1 1"><text>SSCI</text><path d="M0 0"/><title>IP</title></svg><p>SSCI IP</p>',
        '<svg viewBox="0 0 1 1"><text>SSCI</text><path d="M0 0"/><title>IP</title></svg><p>[[SSCI]] [[IP]]</p>'),
    "CDATA sections": (
        "<svg><![CDATA[ SSCI ]]></svg><![CDATA[ Web of Science ]]> Web of Science",
        "<svg><![CDATA[ SSCI ]]></svg><![CDATA[ Web of Science ]]> [[Web of Science]]"),
    "a doctype and a whole document": (
        '<!DOCTYPE html><html lang="en"><head><title>SSCI</title></head><body>SSCI</body></html>',
        '<!DOCTYPE html><html lang="en"><head><title>SSCI</title></head><body>[[SSCI]]</body></html>'),
    "a '<' that opens no tag": ("<p>a < b SSCI</p>", "<p>a < b [[SSCI]]</p>"),
    "stray and malformed end tags": ("<p>x</ p>SSCI</>Web of Science</em>", "<p>x</ p>[[SSCI]]</>[[Web of Science]]</em>"),
    "textarea content that looks like tags": ("<textarea><p>SSCI</textarea>SSCI", "<textarea><p>SSCI</textarea>[[SSCI]]"),
    "line breaks (CRLF too) inside tags": (
        '<p\r\nclass="x">\r\nSSCI\r\n</p>\n<p\nclass="irc-quote"\n>IP</p>IP',
        '<p\r\nclass="x">\r\n[[SSCI]]\r\n</p>\n<p\nclass="irc-quote"\n>IP</p>[[IP]]'),
    "a class attribute named like another": ('<p data-class="irc-chart">SSCI</p>', '<p data-class="irc-chart">[[SSCI]]</p>'),
    "the longest form first, first use only, case rules": (
        "<p>Multilayered centre-periphery and centre-periphery; ip, IP, IPs, Intellectual property</p>",
        "<p>[[Multilayered centre-periphery]] and [[centre-periphery]]; ip, [[IP]], IPs, Intellectual property</p>"),
}


@pytest.mark.parametrize("case", SAME)
def test_hard_case_both_linkers_handle_alike(case):
    html, marked = SAME[case]
    assert new(html, COMMON) == expected(marked)
    assert old(html, COMMON) == new(html, COMMON)


# Where the old tokenizer was wrong: the new linker differs on purpose.
INTENDED = {
    # '&amp;' is a character reference, not the word 'amp': the old linker broke it into
    # '&<a ...>amp</a>;', which shows as '&amp;' with a link in the middle.
    "a form spelled like a character reference": ("<p>R&amp;D and amp</p>", "<p>R&amp;D and [[amp]]</p>"),
    # An unquoted attribute value may end in '/': '<a href=x/>' opens a link (HTML's
    # tokenizer), so its text is a link's; the old linker read '/>' as self-closing and
    # linked inside the link.
    "an unquoted attribute value ending in '/'": ("<a href=x/>SSCI</a> SSCI", "<a href=x/>SSCI</a> [[SSCI]]"),
    # 'class=' inside another attribute's value is not a class: the old regex found it there.
    "'class=' inside another attribute's value": ('<p title="x class=irc-chart">SSCI</p>', '<p title="x class=irc-chart">[[SSCI]]</p>'),
    # A processing instruction is markup, not text: the old linker linked inside it.
    "a processing instruction": ("<?x SSCI ?><p>SSCI</p>", "<?x SSCI ?><p>[[SSCI]]</p>"),
    # HTML lets a <dt> go unclosed before its <dd>: the old linker kept the <dt> open to the
    # end of the list, so no definition in it was linked.
    "an unclosed <dt> before its <dd>": ("<dl><dt>Term<dd>SSCI</dl>", "<dl><dt>Term<dd>[[SSCI]]</dl>"),
}


@pytest.mark.parametrize("case", INTENDED)
def test_hard_case_where_the_new_linker_differs_on_purpose(case):
    html, marked = INTENDED[case]
    assert new(html) == expected(marked)
    assert old(html) != new(html), "the old linker is right here after all: move the case to SAME"


def test_the_matcher_may_be_given_compiled():
    from transforms.glossary import compile_matcher

    html = "<p>SSCI and Web of Science</p>"
    assert link_glossary(html, compile_matcher(TERMS), href) == new(html) == expected("<p>[[SSCI]] and [[Web of Science]]</p>")


# --- properties --------------------------------------------------------------------

WORDS = ["SSCI", "ssci", "Web of Science", "web of science", "IP", "ip", "centre-periphery", "multilayered centre-periphery",
         "amp", "the", "data", " ", "\n", ", ", "-", "_"]
REFS = ["&amp;", "&nbsp;", "&#123;", "&#x7B;", "&lt;"]
SKIPPED_CLASSES = ["irc-quote", "irc-chart-frame", "no-glossary", "x irc-table", "plain"]
TAGS = ["p", "div", "span", "em", "li", "section", "a", "code", "h2", "blockquote", "q", "dt", "dd", "figcaption", "svg"]


def _attr(name: str, value: str, quote: str) -> str:
    return f" {name}={quote}{value.replace(quote, '')}{quote}"


attributes = st.lists(
    st.builds(_attr, st.sampled_from(["title", "class", "data-x", "alt"]),
              st.one_of(st.sampled_from(SKIPPED_CLASSES), st.sampled_from(WORDS), st.just("a > b 'c' \"d\"")),
              st.sampled_from(['"', "'"])),
    max_size=2).map("".join)
text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(REFS), st.just(" < ")), max_size=6).map("".join)
leaves = st.one_of(
    text,
    text.map(lambda t: f"<!--{t.replace('-', '')}-->"),
    st.sampled_from(["<br>", "<br/>", '<img alt="SSCI">', "<hr />", "<wbr>"]),
    text.map(lambda t: f"<script>var s = '<p>{t}</p>' < 1;</script>"),
    text.map(lambda t: f"<style>a > b {{ content: '{t}' }}</style>"),
    text.map(lambda t: f"<![CDATA[{t.replace('>', '')}]]>"),
)


def _element(tag: str, attrs: str, children: list[str], upper: bool) -> str:
    name = tag.upper() if upper else tag
    return f"<{name}{attrs}>{''.join(children)}</{name}>"


def html_of(tags: list[str]):
    """Well-formed HTML of these elements: every element closed, every attribute quoted."""
    return st.recursive(
        leaves,
        lambda inner: st.builds(_element, st.sampled_from(tags), attributes, st.lists(inner, max_size=4), st.booleans()),
        max_leaves=20,
    )


# A <dt> or <dd> inside another is not well-formed: the HTML parser closes the outer one,
# which the old linker did not know (see INTENDED).
well_formed = html_of([t for t in TAGS if t not in ("dt", "dd")])
documents = html_of(TAGS)
# Anything at all: fragments of tags, stray '<' and '&', unbalanced quotes, text.
anything = st.lists(st.one_of(documents, st.text(alphabet="<>/&;#!-=\"' apbSCIWeofcin\n", max_size=12)), max_size=6).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_removing_the_links_gives_back_the_input(html):
    out = new(html)
    assert ANCHOR.sub(r"\1", out) == html
    slugs = [SLUG[found.casefold()] for found in ANCHOR.findall(out)]
    assert len(slugs) == len(set(slugs)), "a term linked twice"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(well_formed)
def test_on_well_formed_html_both_linkers_agree(html):
    assert new(html, COMMON) == old(html, COMMON)

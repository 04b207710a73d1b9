"""The notebook page's own pieces (transforms/notebook_html.py, fragments/templates/notebook_parts.html.j2)."""
from __future__ import annotations

from transforms.notebook_html import download_link, fold_setup_cell

PAGE = ('<h1>T</h1><div class="jp-Cell x celltag_setup" id="c"><div>a &amp; <b>b</b></div></div>'
        '<div class="jp-Cell">next</div>')


def test_the_setup_cell_is_folded_whole_and_the_rest_is_left_as_it_was():
    out = fold_setup_cell(PAGE)
    assert out.startswith("<h1>T</h1><details class=\"irc-nb-setup\"><summary>Set-up code")
    # nbconvert's HTML goes in as it is, neither escaped nor cut short.
    assert '<div class="jp-Cell x celltag_setup" id="c"><div>a &amp; <b>b</b></div></div>\n</details>' in out
    assert out.endswith('</details><div class="jp-Cell">next</div>')


def test_a_page_without_a_setup_cell_is_unchanged():
    assert fold_setup_cell("<h1>T</h1><p>x</p>") == "<h1>T</h1><p>x</p>"


def test_the_download_link_goes_under_the_title_with_its_name_escaped():
    out = download_link(PAGE, 'a&b".ipynb')
    assert out.startswith('<h1>T</h1><p class="irc-nb-download"><a class="md-button" href="a&amp;b&quot;.ipynb" download>'
                          'Download this notebook (a&amp;b&quot;.ipynb)</a></p><div')

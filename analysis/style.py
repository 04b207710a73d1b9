"""Shared chart settings: one place for size, fonts and colours of every chart.

Each chart is drawn twice, at the width it is shown: ``wide`` for the text column
of a laptop (Material's column is 688 CSS px at 1280 px) and ``narrow`` for a phone
(a 320 px drawing fits the 328 px column of a 360 px screen at scale 1). Chart
functions read the layout being drawn with ``layout()`` and stack their panels,
thin their ticks and shorten their labels when it is narrow; the pipeline calls
each function once per layout inside ``drawing(name)``.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import altair as alt


@dataclass(frozen=True)
class Layout:
    name: str
    width: int  # the whole drawing, axes and legend included, in CSS px
    narrow: bool
    # Up to this viewport width (CSS px) the page shows this drawing; None: any width.
    max_viewport: int | None


WIDE = Layout("wide", 680, False, None)
# Material's breakpoint below which the table of contents and the navigation are
# drawers (45em = 720 px): from there down the column is too narrow for the wide drawing.
NARROW = Layout("narrow", 320, True, 719)
LAYOUTS = {layout.name: layout for layout in (WIDE, NARROW)}

# The smallest text any chart may carry, in px of its own drawing; drawn at scale 1
# in its column, that is also its size on screen.
MIN_FONT = 12
FONT = 12
TITLE_FONT = 13

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

_current: ContextVar[Layout] = ContextVar("chart_layout", default=WIDE)



def layout() -> Layout:
    """The layout the chart being built is drawn for."""
    return _current.get()


@contextmanager
def drawing(name: str):
    token = _current.set(LAYOUTS[name])
    try:
        yield LAYOUTS[name]
    finally:
        _current.reset(token)


def pick(wide, narrow):
    """One of two settings, by the layout being drawn."""
    return narrow if layout().narrow else wide


def category_axis(step: int = 20, limit: int = 360, **axis) -> tuple[alt.Axis, alt.Scale | None, object]:
    """Axis, scale and step of a bar chart's category (y) axis.

    Wide: labels left of the bars, cut at ``limit`` px. Narrow: each label sits
    on its own line above its bar, as wide as the drawing, so long names (funding
    agencies, datasets) need no room beside the bars.
    """
    if not layout().narrow:
        return alt.Axis(labelLimit=limit, **axis), None, alt.Step(step)
    return (
        alt.Axis(
            labelAlign="left", labelBaseline="bottom", labelPadding=0, ticks=False, domain=False,
            labelOffset=-(step // 2 + 1), labelLimit=NARROW.width - 16, **axis,
        ),
        alt.Scale(paddingInner=0.55, paddingOuter=0.3),
        alt.Step(step + FONT + 8),
    )


def base(chart: alt.Chart) -> alt.Chart:
    # Value labels (text marks) take no colour here: render.SCHEMES gives them the
    # scheme's text colour, so they keep 4.5:1 contrast on light and dark pages.
    legend = {"labelFontSize": FONT, "titleFontSize": FONT, "orient": "bottom", "labelLimit": pick(260, 250)}
    if layout().narrow:
        legend.update(columns=2)
    return (
        # A little room under the legend: Vega's bounds leave its last line's descenders outside.
        chart.properties(padding={"left": 5, "top": 5, "right": 5, "bottom": 10})
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=FONT, titleFontSize=FONT)
        .configure_legend(**legend)
        .configure_header(labelFontSize=TITLE_FONT, titleFontSize=TITLE_FONT)
        .configure_title(fontSize=TITLE_FONT, subtitleFontSize=FONT)
    )

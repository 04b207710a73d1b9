"""Shared chart settings: one place for size, fonts and colours of every chart."""
import altair as alt

WIDTH = 640
# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]


def base(chart: alt.Chart) -> alt.Chart:
    return chart.configure_view(stroke=None).configure_axis(labelFontSize=12, titleFontSize=12).configure_legend(
        labelFontSize=12, titleFontSize=12, orient="bottom"
    )

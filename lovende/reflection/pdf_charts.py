"""The data packs' charts on paper: a frozen Vega-Lite spec drawn as SVG on the server.

vl-convert runs Vega in an embedded engine (no browser, no network), so the PDF shows the same
chart definition the page draws with vega-embed. A spec sized to its container gets a fixed width
here, and the PDF's font.
"""

import base64
import logging

import vl_convert

logger = logging.getLogger(__name__)

PDF_WIDTH = 460  # px: two charts side by side on A4 landscape at a readable font size
HEIGHT_SCALE = 0.7  # lower than on screen, so two rows of charts fit on a page
MIN_HEIGHT = 60  # px: a bar chart of one group
PDF_FONT = "DejaVu Sans"  # the PDF's own font, installed with WeasyPrint's dependencies
MAJOR = "6."  # our specs' $schema is Vega-Lite v6


def _version() -> str:
    """The newest Vega-Lite 6.x that vl-convert ships, so a later major cannot change a chart."""
    return max(
        (v for v in vl_convert.get_vegalite_versions() if v.startswith(MAJOR)),
        key=lambda v: tuple(int(part) for part in v.split(".")),
    )


def svg(spec: dict, width: int = PDF_WIDTH) -> str:
    """The chart as an SVG document, with Danish number and date formats and no network access."""
    sized = {
        **spec,
        "width": spec["width"] if isinstance(spec.get("width"), int) else width,
        "height": max(MIN_HEIGHT, round(spec.get("height", 200) * HEIGHT_SCALE)),
        # Vega measures its labels with this font, and WeasyPrint draws them with it: the same
        # font on both sides keeps axis labels and legends from overlapping or being clipped
        "config": {**spec.get("config", {}), "font": PDF_FONT},
    }
    return vl_convert.vegalite_to_svg(
        sized,
        vl_version=_version(),
        format_locale="da-DK",
        time_format_locale="da-DK",
        allowed_base_urls=[],  # the data is inline; a spec may not fetch anything
    )


def data_uri(spec: dict, width: int = PDF_WIDTH) -> str | None:
    """The chart as an image address for the PDF, or None when the spec cannot be drawn."""
    try:
        drawing = svg(spec, width)
    except (
        ValueError,
        RuntimeError,
    ) as error:  # a spec Vega refuses; the PDF says so instead of failing
        logger.warning("chart could not be drawn: %s", str(error).splitlines()[0][:120])
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(drawing.encode()).decode("ascii")

"""A cooperation's logo in the shapes the documents need: SVG text for Typst, PNG for Word.

The logo arrives already checked (organisation.services): a PNG, or an SVG without scripts.
"""

import base64
import struct
import threading

import typst

from samverkan.core.exports.pdf import FONT_DIR

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_lock = threading.Lock()
_compiler: typst.Compiler | None = None


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk, or None when `data` is no PNG."""
    if len(data) < 24 or not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def logo_svg(data: bytes | None) -> str:
    """The logo as SVG text ("" for none): Typst's inputs are strings, so a PNG is wrapped
    in an SVG that embeds it as a data URI."""
    if not data:
        return ""
    size = png_size(data)
    if size is None:
        return data.decode("utf-8")
    width, height = size
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><image width="{width}" height="{height}" '
        f'href="data:image/png;base64,{encoded}"/></svg>'
    )


_TO_PNG = (
    b"#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
    b'#image(bytes(sys.inputs.svg), format: "svg", height: 2cm)\n'
)


def logo_png(data: bytes | None) -> bytes | None:
    """The logo as PNG for Word, which shows no SVG of its own: an SVG is drawn by Typst."""
    if not data:
        return None
    if png_size(data) is not None:
        return data
    global _compiler
    with _lock:
        if _compiler is None:
            _compiler = typst.Compiler(font_paths=[str(FONT_DIR)], ignore_system_fonts=True)
        result = _compiler.compile(
            input=_TO_PNG, format="png", ppi=200, sys_inputs={"svg": data.decode("utf-8")}
        )
    assert isinstance(result, bytes)
    return result

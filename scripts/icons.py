"""Draw the PNG icons from the design of cop/static/icons/icon.svg (run once per change):

    .venv/bin/python scripts/icons.py

Three members joined in a triangle, white on the site's accent colour. The PNGs are
for what SVG icons do not cover: phones' home screens (the web app manifest) and
Apple's touch icon. "maskable" fills the whole square; the circles stay in the
central safe zone that every launcher's mask keeps.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ACCENT = "#0b5e7e"
FOLDER = Path(__file__).parents[1] / "cop" / "static" / "icons"
POINTS = [(256, 150), (164, 310), (348, 310)]  # on a 512 x 512 canvas, as in the SVG


def draw(size: int, *, rounded: bool) -> Image.Image:
    scale = 4  # drawn large, then reduced: smooth edges
    big = 512 * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if rounded:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=96 * scale, fill=ACCENT)
    else:
        pen.rectangle((0, 0, big, big), fill=ACCENT)
    points = [(x * scale, y * scale) for x, y in POINTS]
    pen.line([*points, points[0]], fill="white", width=24 * scale, joint="curve")
    for x, y in points:
        r = 56 * scale
        pen.ellipse((x - r, y - r, x + r, y + r), fill="white")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def save(image: Image.Image, name: str) -> None:
    # A small palette keeps each file at a few kilobytes.
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(FOLDER / name, optimize=True)


if __name__ == "__main__":
    save(draw(192, rounded=True), "icon-192.png")
    save(draw(512, rounded=True), "icon-512.png")
    save(draw(512, rounded=False), "icon-maskable-512.png")
    save(draw(180, rounded=False), "apple-touch-icon.png")  # iOS rounds it itself

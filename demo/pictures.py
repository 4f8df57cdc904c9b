"""The demo's pictures, drawn by the project itself with Pillow when the demo loads.

Simple illustrations and charts, credited as what they are: nothing is downloaded, nothing
pretends to be a photograph. The drawings are deterministic, so a second load finds them.
"""

import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

CREDIT_FR = "Illustration : newsroom (démo)"
CREDIT_EN = "Illustration: newsroom demo"
SOURCE = "Dessin généré par load_demo (newsroom demo)"

SIZE = (1600, 900)
INK = (28, 28, 28)
RED = (139, 29, 29)
PAPER = (246, 243, 238)
GREY = (150, 150, 150)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _night_sky(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    for y in range(height):
        shade = int(18 + 50 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade // 2, shade // 2, shade + 30))
    stars = random.Random(2024)  # the same sky on every load
    for _ in range(160):
        x, y = stars.randrange(width), stars.randrange(int(height * 0.7))
        r = stars.choice((1, 1, 2, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 240))


def _rocket(draw, x: int, base: int, height: int, width: int, nose: str, colour) -> None:
    top = base - height
    draw.rectangle((x - width // 2, top + width, x + width // 2, base), fill=colour)
    if nose == "pointed":
        draw.polygon(
            [(x - width // 2, top + width), (x, top - width), (x + width // 2, top + width)],
            fill=colour,
        )
    else:
        draw.ellipse((x - width // 2, top, x + width // 2, top + 2 * width), fill=colour)
    for side in (-1, 1):  # fins
        edge = x + side * width // 2
        draw.polygon(
            [(edge, base - width * 2), (edge + side * width, base), (edge, base)], fill=colour
        )
    draw.ellipse(
        (x - width // 5, top + width * 2, x + width // 5, top + width * 2 + width // 2.5),
        fill=(120, 170, 220),
    )
    # The flame and the smoke of a launch.
    draw.polygon(
        [(x - width // 3, base), (x, base + width * 2), (x + width // 3, base)], fill=(255, 170, 40)
    )


def rockets() -> Image.Image:
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    _night_sky(draw, width, height)
    ground = height - 140
    draw.rectangle((0, ground + 60, width, height), fill=(40, 40, 46))
    for x in (520, 1080):  # launch towers
        draw.rectangle((x - 150, ground - 420, x - 125, ground + 60), fill=(70, 70, 80))
        for y in range(ground - 400, ground + 60, 40):
            draw.line([(x - 150, y), (x - 125, y + 40)], fill=(100, 100, 110), width=3)
    _rocket(draw, 520, ground, 560, 70, "pointed", (235, 235, 240))
    _rocket(draw, 1080, ground, 380, 110, "round", (225, 225, 215))
    font = _font(44)  # names above the noses, clear of the flames
    draw.text((520, ground - 560 - 120), "SpaceX", font=font, fill="white", anchor="mm")
    draw.text((1080, ground - 380 - 60), "Blue Origin", font=font, fill="white", anchor="mm")
    return image


def dinner() -> Image.Image:
    image = Image.new("RGB", SIZE, (58, 40, 46))
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    for x in (260, 800, 1340):  # windows on a Florida evening, with palms
        draw.rectangle((x - 170, 80, x + 170, 420), fill=(236, 150, 90))
        draw.rectangle((x - 170, 250, x + 170, 420), fill=(200, 110, 90))
        draw.line([(x + 60, 420), (x + 90, 190)], fill=(40, 30, 30), width=12)
        for dx, dy in ((-90, -20), (90, -30), (-60, 40), (70, 45)):
            draw.line([(x + 90, 190), (x + 90 + dx, 190 + dy)], fill=(40, 30, 30), width=10)
        draw.rectangle((x - 175, 75, x + 175, 425), outline=(230, 210, 170), width=8)
    draw.line([(800, 0), (800, 90)], fill=(230, 210, 170), width=4)  # chandelier
    draw.ellipse((740, 90, 860, 140), fill=(240, 200, 110))
    draw.rectangle((0, 460, width, height), fill=(90, 50, 40))
    draw.polygon([(150, 620), (1450, 620), (1560, 820), (40, 820)], fill=(250, 248, 240))
    for i in range(5):  # five places set
        cx = 300 + i * 250
        draw.ellipse((cx - 80, 660, cx + 80, 760), fill=(255, 255, 255), outline=GREY, width=3)
        draw.ellipse((cx - 45, 685, cx + 45, 735), outline=(200, 170, 90), width=4)
        draw.rectangle((cx + 95, 640, cx + 110, 700), fill=(210, 230, 240))
    for cx in (550, 1050):  # candles
        draw.rectangle((cx - 10, 560, cx + 10, 660), fill=(250, 240, 210))
        draw.ellipse((cx - 10, 530, cx + 10, 565), fill=(255, 200, 60))
    return image


def bar_chart(title: str, unit: str, bars: list[tuple[str, float, str]]) -> Image.Image:
    """Horizontal bars, each labelled with its value: (label, value, shown value)."""
    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 14), fill=RED)
    draw.text((80, 70), title, font=_font(52), fill=INK)
    draw.text((80, 140), unit, font=_font(34), fill=(90, 90, 90))
    top, left, right = 250, 520, SIZE[0] - 220
    step = min(150, (SIZE[1] - top - 60) // len(bars))
    largest = max(value for _, value, _ in bars)
    for i, (label, value, shown) in enumerate(bars):
        y = top + i * step
        end = left + max(4, int((right - left) * value / largest))
        draw.text((left - 24, y + step // 3), label, font=_font(36), fill=INK, anchor="rm")
        draw.rectangle((left, y + 10, end, y + step * 2 // 3), fill=RED if i == 0 else GREY)
        draw.text((end + 16, y + step // 3), shown, font=_font(36), fill=INK, anchor="lm")
    draw.line([(left, top - 10), (left, top + len(bars) * step)], fill=INK, width=3)
    return image


def nasa_contracts() -> Image.Image:
    return bar_chart(
        "Atterrisseurs lunaires : les contrats de la NASA",
        "Montants en milliards de dollars",  # the default font has no accented letters
        [("Blue Origin (2023)", 3.4, "3,4"), ("SpaceX (2021)", 2.9, "2,9")],
    )


def tech_money() -> Image.Image:
    return bar_chart(
        "Tech money around Donald Trump",
        "Millions of US dollars",
        [
            ("Elon Musk, campaign", 200, "200+"),
            ("Meta, inauguration", 1, "1"),
            ("Amazon, inauguration", 1, "1"),
            ("OpenAI (Sam Altman)", 1, "1"),
        ],
    )


def front_page() -> Image.Image:
    image = Image.new("RGB", SIZE, (120, 96, 72))
    draw = ImageDraw.Draw(image)
    draw.polygon([(330, 60), (1230, 90), (1190, 880), (290, 850)], fill=PAPER)
    draw.rectangle((380, 120, 1150, 190), fill=INK)  # the masthead, left blank
    draw.rectangle((380, 220, 1150, 260), fill=(80, 80, 80))  # headline
    draw.rectangle((380, 290, 760, 560), fill=(185, 185, 185))  # the front-page picture
    for column in (800, 990):
        for y in range(290, 820, 26):
            draw.line([(column, y), (column + 160, y)], fill=GREY, width=8)
    for y in range(590, 820, 26):
        draw.line([(380, y), (760, y)], fill=GREY, width=8)
    draw.ellipse((1280, 600, 1480, 800), fill=(240, 240, 240))  # a coffee cup
    draw.ellipse((1310, 630, 1450, 770), fill=(90, 55, 30))
    return image


def ballot_box() -> Image.Image:
    image = Image.new("RGB", SIZE, (30, 50, 90))
    draw = ImageDraw.Draw(image)
    for i in range(7):  # stripes and stars, not a flag
        y = 80 + i * 40
        draw.rectangle((0, y, SIZE[0], y + 18), fill=(60, 80, 130))
    draw.polygon([(500, 420), (1100, 420), (1180, 840), (420, 840)], fill=(240, 240, 240))
    draw.rectangle((660, 440, 940, 466), fill=(40, 40, 40))  # the slot
    draw.polygon([(700, 180), (920, 200), (900, 452), (680, 432)], fill="white")
    draw.line([(730, 330), (780, 390), (880, 250)], fill=RED, width=18)  # the tick
    draw.text((800, 640), "$", font=_font(200), fill=RED, anchor="mm")
    return image


def monogram(initials: str, colour: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", (480, 480), PAPER)
    draw = ImageDraw.Draw(image)
    draw.ellipse((36, 36, 444, 444), fill=colour)
    draw.text((240, 240), initials, font=_font(180), fill="white", anchor="mm")
    return image


@dataclass(frozen=True)
class DemoPicture:
    key: str
    draw: Callable[[], Image.Image]
    alt_text: str
    caption: str = ""
    credit: str = CREDIT_FR

    def data(self) -> bytes:
        return _png(self.draw())


PICTURES = (
    DemoPicture(
        "dinner", dinner,
        "Illustration : une table dressée pour cinq convives, avec des bougies, devant des "
        "fenêtres donnant sur des palmiers au coucher du soleil.",
        "Le dîner de Mar-a-Lago, tel que l'imagine notre illustrateur.",
    ),
    DemoPicture(
        "rockets", rockets,
        "Illustration : deux fusées stylisées sur leurs pas de tir, sous un ciel étoilé ; "
        "l'une, élancée, marquée SpaceX, l'autre, plus trapue, marquée Blue Origin.",
        "SpaceX et Blue Origin, rivales pour les contrats de la NASA.",
    ),
    DemoPicture(
        "nasa-contracts", nasa_contracts,
        "Graphique en barres : la NASA a attribué 2,9 milliards de dollars à SpaceX en 2021 "
        "et 3,4 milliards à Blue Origin en 2023 pour des atterrisseurs lunaires.",
        "Les deux contrats d'atterrisseurs lunaires du programme Artemis.",
        credit="Graphique : newsroom (démo)",
    ),
    DemoPicture(
        "tech-money", tech_money,
        "Bar chart: Elon Musk spent more than 200 million dollars on the campaign; Meta, "
        "Amazon and OpenAI's chief each gave 1 million to the inauguration fund.",
        "Campaign spending and inauguration gifts, side by side.",
        credit="Chart: newsroom demo",
    ),
    DemoPicture(
        "front-page", front_page,
        "Illustration : la une d'un quotidien, dessinée schématiquement, posée à côté "
        "d'une tasse de café.",
        "Le Washington Post appartient à Jeff Bezos depuis 2013.",
    ),
    DemoPicture(
        "ballot-box", ballot_box,
        "Illustration : un bulletin coché glissé dans une urne marquée du signe dollar.",
        "Plus de 200 millions de dollars versés à des groupes pro-républicains.",
    ),
)  # fmt: skip

# Monograms for the people, so that their pages show how a portrait looks.
PORTRAITS = {
    "elon-musk": ("EM", (52, 73, 94)),
    "jeff-bezos": ("JB", (39, 103, 73)),
    "donald-trump": ("DT", (139, 29, 29)),
    "lauren-sanchez": ("LS", (120, 66, 140)),
    "mark-zuckerberg": ("MZ", (41, 98, 160)),
    "sundar-pichai": ("SP", (180, 110, 20)),
    "sam-altman": ("SA", (70, 70, 70)),
}


def portrait(slug: str, name: str) -> DemoPicture:
    initials, colour = PORTRAITS[slug]
    return DemoPicture(
        f"portrait-{slug}",
        lambda: monogram(initials, colour),
        f"Monogramme « {initials} » pour {name} (illustration, pas une photo).",
    )

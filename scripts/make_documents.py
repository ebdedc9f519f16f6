"""Renders the specimen ID card photographs in testdata/documents/ (see SOURCES.md there).

A plain, made-up card ("Republic of Specimen"), front and back, at 1712x1080 px (ID-1's
85.6 x 54 mm at 20 px/mm), with testdata/faces/grace_hopper.jpg as the holder's photo; a photo of
the front as a phone would take it (card turned a little on a dark table, slight softness and
sensor noise); and the failing variants the capture checks must refuse: blurred, dark, too small.

Deterministic: fixed noise seed, Pillow's bundled font. Usage: make_documents.py REPO_ROOT
(scripts/make-documents runs it in a venv with Pillow).
"""

import math
import os
import random
import sys

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

W, H = 1712, 1080
QUALITY = 88


def font(size):
    return ImageFont.load_default(size=size)


def background(tint):
    """Pale card stock with guilloche-like wave lines, as security printing has."""
    card = Image.new("RGB", (W, H), tint)
    draw = ImageDraw.Draw(card)
    for k in range(0, 28):
        points = [
            (x, H * 0.1 + k * 34 + 18 * math.sin(x / 57.0 + k * 0.7)) for x in range(0, W + 8, 8)
        ]
        draw.line(points, fill=(tint[0] - 28, tint[1] - 22, tint[2] - 10), width=2)
    return card


def header(draw, title):
    draw.rectangle([0, 0, W, 150], fill=(24, 70, 120))
    draw.text((60, 28), "REPUBLIC OF SPECIMEN", font=font(58), fill=(255, 255, 255))
    draw.text((62, 96), title, font=font(34), fill=(210, 225, 245))
    draw.text((W - 420, 40), "SPECIMEN", font=font(70), fill=(255, 214, 90))


def field(draw, x, y, label, value):
    draw.text((x, y), label, font=font(30), fill=(70, 80, 95))
    draw.text((x, y + 38), value, font=font(54), fill=(15, 20, 30))


def front(root):
    card = background((236, 230, 214))
    draw = ImageDraw.Draw(card)
    header(draw, "NATIONAL IDENTITY CARD / CARTE NATIONALE D'IDENTITE")
    face = Image.open(os.path.join(root, "testdata/faces/grace_hopper.jpg")).convert("RGB")
    face = face.crop((56, 20, 476, 560)).resize((430, 553), Image.Resampling.LANCZOS)
    card.paste(face, (70, 230))
    draw.rectangle([68, 228, 502, 785], outline=(40, 40, 40), width=3)
    x = 580
    field(draw, x, 220, "Surname / Nom", "HOPPER")
    field(draw, x, 340, "Given names / Prenoms", "GRACE BREWSTER")
    field(draw, x, 460, "Date of birth", "09 DEC 1906")
    field(draw, x + 560, 460, "Sex", "F")
    field(draw, x, 580, "Document no.", "SPC-000000-0")
    field(draw, x + 560, 580, "Expiry", "31 DEC 2031")
    field(draw, x, 700, "Issued", "01 JAN 2021")
    draw.text((70, 830), "Holder's signature", font=font(28), fill=(70, 80, 95))
    draw.line([(70, 950), (560, 950)], fill=(40, 40, 40), width=2)
    draw.text((90, 880), "G. M. Hopper", font=font(52), fill=(20, 30, 90))
    draw.text((x, 860), "THIS IS A SPECIMEN. NOT A VALID DOCUMENT.", font=font(36), fill=(150, 30, 30))
    return card


def back(root):
    card = background((222, 232, 236))
    draw = ImageDraw.Draw(card)
    header(draw, "NATIONAL IDENTITY CARD - BACK")
    field(draw, 70, 200, "Place of birth", "NEW YORK")
    field(draw, 70, 320, "Address", "1 SPECIMEN STREET, SAMPLETOWN")
    field(draw, 70, 440, "Issuing authority", "SPECIMEN REGISTRY OFFICE")
    rng = random.Random(7)
    x = 1200
    while x < W - 70:  # a barcode-like strip
        width = rng.choice([3, 5, 8])
        draw.rectangle([x, 210, x + width, 520], fill=(10, 10, 10))
        x += width + rng.choice([3, 5, 7])
    draw.rectangle([0, 640, W, H], fill=(250, 250, 246))
    mono = font(64)
    for i, line in enumerate(
        [
            "IDSPCSPC0000000<0<<<<<<<<<<<<<<<",
            "0612097F3112315SPC<<<<<<<<<<<<<4",
            "HOPPER<<GRACE<BREWSTER<<<<<<<<<<",
        ]
    ):
        draw.text((70, 680 + i * 120), line, font=mono, fill=(15, 15, 15))
    return card


def photographed(card):
    """The card as a phone photo: turned 4 degrees on a dark table, lens softness, noise."""
    table = Image.new("RGB", (2300, 1600), (58, 44, 36))
    rng = random.Random(11)
    draw = ImageDraw.Draw(table)
    for y in range(0, 1600, 6):  # wood grain
        shade = rng.randint(-8, 8)
        draw.line([(0, y), (2300, y + rng.randint(-20, 20))], fill=(58 + shade, 44 + shade, 36 + shade))
    turned = card.convert("RGBA").rotate(4, resample=Image.Resampling.BICUBIC, expand=True)
    table.paste(turned, ((2300 - turned.width) // 2, (1600 - turned.height) // 2), turned)
    table = table.filter(ImageFilter.GaussianBlur(0.8))
    noise = Image.effect_noise(table.size, 10).convert("RGB")
    return Image.blend(table, noise, 0.04)


def main(root):
    out = os.path.join(root, "testdata/documents")
    os.makedirs(out, exist_ok=True)
    card_front, card_back = front(root), back(root)

    def save(image, name):
        image.save(os.path.join(out, name), "JPEG", quality=QUALITY, optimize=True)

    save(card_front, "specimen_front.jpg")
    save(card_back, "specimen_back.jpg")
    save(photographed(card_front), "specimen_front_photo.jpg")
    save(card_front.filter(ImageFilter.GaussianBlur(4)), "specimen_front_blurred.jpg")
    save(ImageEnhance.Brightness(card_front).enhance(0.12), "specimen_front_dark.jpg")
    save(card_front.resize((856, 540), Image.Resampling.LANCZOS), "specimen_front_small.jpg")


if __name__ == "__main__":
    main(sys.argv[1])

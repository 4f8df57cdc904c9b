"""Run in a child process by test_processing_limits: the peak memory of one upload.

``python -m tests.pictures.peak_memory make PATH FORMAT WIDTH HEIGHT`` draws a picture;
``python -m tests.pictures.peak_memory upload PATH`` migrates an empty SQLite database (the
environment names it), uploads PATH through picture_create and prints, as JSON, the peak
resident memory before and after the upload. A child process of its own, so that nothing
the test run holds is counted and the peak is the upload's.
"""

import json
import os
import resource
import sys

# EXIF Orientation 6: the camera was turned, as a phone photo in portrait is.
ORIENTATION, TURNED = 0x0112, 6


def peak_mb() -> int:
    # VmHWM is this program's own high-water mark. ru_maxrss also counts the parent it was
    # forked from before the exec: a test run grown past 800 MB failed every upload.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024  # KB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # KB on Linux


def make(path: str, fmt: str, width: int, height: int) -> None:
    """A drawn picture of width x height; a JPEG as a phone writes it (turned, with an ICC
    profile), a PNG with transparency."""
    from PIL import Image, ImageCms, ImageDraw

    mode = "RGBA" if fmt == "PNG" else "RGB"
    image = Image.linear_gradient("L").resize((width, height)).convert(mode)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 97):
        draw.line((x, 0, width - x, height), fill=(200, x % 256, 60, x % 200), width=5)
    options = {}
    if fmt == "JPEG":
        exif = Image.Exif()
        exif[ORIENTATION] = TURNED
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        options = {"exif": exif.tobytes(), "icc_profile": srgb.tobytes(), "quality": 90}
    image.save(path, fmt, **options)


def upload(path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from pictures.services import picture_create

    with open(path, "rb") as file:
        data = file.read()
    before = peak_mb()
    picture = picture_create(upload=data, alt_text="Mesure")
    renditions = {r.spec: [r.width, r.height] for r in picture.renditions.all()}
    print(json.dumps({"before": before, "peak": peak_mb(), "renditions": renditions}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        upload(sys.argv[2])

"""Pillow (libjpeg-turbo) reference for scripts/bench-capture: the same output work as
`bench_capture pipeline` on the same raw frames.

Per run: each BGRA frame is read into RGB, resized (bilinear, as ours) so its longer side is 320
(7 liveness) or 640 (selfie), turned upright, JPEG-encoded at quality 80 and written as the tag
store does (temp file, fsync, rename, mode 0600) into a staging folder that is then renamed into
place; finally the tag's files are zipped (stored) in memory. Prints the median ms.

Usage: bench_capture_pillow.py FRAMES_DIR STORE_DIR RUNS
"""

import io
import json
import os
import shutil
import statistics
import sys
import time
import uuid
import zipfile

from PIL import Image

# Clockwise turn to upright → Pillow transpose (Pillow's ROTATE_n turns counter-clockwise).
UPRIGHT = {0: None, 90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def load(frames_dir):
    frames = []
    with open(os.path.join(frames_dir, "frames.txt")) as index:
        for line in index:
            name, width, height, stride, rotation = line.split()
            with open(os.path.join(frames_dir, name), "rb") as f:
                frames.append((f.read(), int(width), int(height), int(stride), int(rotation)))
    return frames


def jpeg(frame, longer_side):
    data, width, height, stride, rotation = frame
    image = Image.frombuffer("RGB", (width, height), data, "raw", "BGRX", stride, 1)
    scale = longer_side / max(width, height)
    size = (round(width * scale), round(height * scale))
    if size != image.size:
        image = image.resize(size, Image.Resampling.BILINEAR)
    if UPRIGHT[rotation] is not None:
        image = image.transpose(UPRIGHT[rotation])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def write_atomic(path, data):
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.rename(tmp, path)


def capture(frames, store):
    staging = os.path.join(store, ".staging", uuid.uuid4().hex)
    os.makedirs(staging, mode=0o700)
    last_ms = 0
    for i, frame in enumerate(frames):
        selfie = i == len(frames) - 1
        last_ms = max(int(time.time() * 1000), last_ms + 1)
        name = f"si_{'selfie' if selfie else 'liveness'}_{last_ms}.jpg"
        write_atomic(os.path.join(staging, name), jpeg(frame, 640 if selfie else 320))
    write_atomic(os.path.join(staging, "tag.json"), json.dumps({"created_at": "", "source": "camera"}).encode())
    target = os.path.join(store, "bench")
    if os.path.exists(target):
        trash = os.path.join(store, ".staging", uuid.uuid4().hex)
        os.rename(target, trash)
        os.rename(staging, target)
        shutil.rmtree(trash)
    else:
        os.rename(staging, target)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name in sorted(os.listdir(target)):
            if name.endswith(".jpg"):
                with open(os.path.join(target, name), "rb") as f:
                    z.writestr(name, f.read())
    return out.getvalue()


def main():
    frames_dir, store, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    frames = load(frames_dir)
    os.makedirs(store, mode=0o700, exist_ok=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        capture(frames, store)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{statistics.median(times):.3f}")


if __name__ == "__main__":
    main()

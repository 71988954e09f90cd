#!/usr/bin/env python3
"""Builds a synthetic corpus of article-sized files for benchmarks (issue 14).

    python3 examples/corpus.py MEGABYTES OUTDIR [SEED]

Paragraphs of the project's articles (seeds/, tests/dev, tests/holdout,
tests/blind, tests/news/dev) are shuffled and regrouped into files of 3 to 9
paragraphs, the first line of each a real headline, until the corpus reaches
MEGABYTES (10^6 bytes). The same SEED gives the same corpus. The corpus is
written under OUTDIR (use /tmp); it is never committed.
"""

import os
import random
import sys

DIRS = ["seeds", "tests/dev", "tests/holdout", "tests/blind", "tests/news/dev"]


def articles(root):
    for d in DIRS:
        folder = os.path.join(root, d)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    yield f.read()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    megabytes = float(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 14)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    heads, paras = [], []
    for text in articles(root):
        parts = [p.strip() for p in text.split("\n\n") if p.strip()]
        if parts:
            heads.append(parts[0].split("\n")[0])
            paras.extend(parts[1:] or parts)
    os.makedirs(out, exist_ok=True)
    target = int(megabytes * 1_000_000)
    size, n = 0, 0
    while size < target:
        body = [rng.choice(heads)] + rng.sample(paras, rng.randint(3, 9))
        text = "\n\n".join(body) + "\n"
        data = text.encode("utf-8")
        with open(os.path.join(out, f"a{n:06}.txt"), "wb") as f:
            f.write(data)
        size += len(data)
        n += 1
    print(f"{n} files, {size / 1e6:.1f} MB in {out}")


if __name__ == "__main__":
    main()

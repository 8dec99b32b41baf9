"""Fuzz targets as plain functions: bytes in, an exception out when an invariant breaks.

They import textfix lazily so that ``fuzz_*.py`` can instrument textfix before it is loaded,
and they need no atheris, so tests and ``run.py --replay`` can run crash inputs directly.

Input layout of both targets: the first byte picks an option (config or ``errors`` mode), the
second byte how to read the rest (the pipeline target), the remaining bytes are the payload.
Seeds are written in the same layout by ``run.py``.
"""

from __future__ import annotations

from typing import Any

ERRORS = ("replace", "ignore", "backslashreplace", "surrogateescape", "strict")

# Configs the pipeline target cycles through (by the first input byte).
CONFIGS: tuple[dict[str, Any], ...] = (
    {},
    {"pinyin": "always"},
    {"boilerplate_mode": "mark"},
    {"script": "zh-Hans"},
    {"script": "zh-Hant"},
    {"script": "zh-TW-phrases"},
    {"unicode_form": "NFKC", "fullwidth_ascii": True, "cjk_punctuation": True},
    {"repair_encoding": False, "normalize": False},
)

# How the pipeline target reads its payload (by the second input byte).
TEXT_MODES = ("utf-8", "utf-16-le", "bytes")


def decode_target(data: bytes) -> None:
    """textfix.decode on any bytes: never raises (except UnicodeDecodeError under strict), gives
    UTF-8-encodable text unless asked to escape surrogates, reports lossy offsets inside the
    input, and agrees with strict decoding whenever strict decoding succeeds."""
    import textfix

    if not data:
        return
    errors = ERRORS[data[0] % len(ERRORS)]
    payload = data[1:]
    if errors == "strict":
        try:
            textfix.decode(payload, errors="strict")
        except UnicodeDecodeError:
            pass
        return
    d = textfix.decode(payload, errors=errors)
    if errors != "surrogateescape":
        d.text.encode("utf-8")
    if not all(0 <= p < len(payload) for p in d.lossy_positions):
        raise AssertionError(f"lossy position outside the input: {d.lossy_positions[:10]} for {len(payload)} bytes")
    if errors == "replace" and not d.lossy_positions:
        strict = textfix.decode(payload, errors="strict")
        if strict.text != d.text:
            raise AssertionError("decode without losses differs from strict decode")


def payload_text(mode: str, payload: bytes) -> str | bytes:
    """The pipeline target's input: UTF-8 or UTF-16 text (lone surrogates allowed), or bytes."""
    if mode == "bytes":
        return payload
    try:
        return payload.decode(mode, "surrogatepass")
    except UnicodeDecodeError:
        return payload.decode(mode, "replace")


def pipeline_target(data: bytes, *, strict: bool = False) -> None:
    """The whole pipeline on any input: never raises, explanations replay to the output, and the
    fast path (``fix``) gives the explained text. ``strict`` also checks idempotence."""
    import textfix

    if len(data) < 2:
        return
    overrides = CONFIGS[data[0] % len(CONFIGS)]
    mode = TEXT_MODES[data[1] % len(TEXT_MODES)]
    text = payload_text(mode, data[2:])
    result = textfix.fix_and_explain(text, **overrides)
    start = textfix.decode(text).text if isinstance(text, bytes) else text
    if result.replay(start) != result.text:
        raise AssertionError("explanation does not replay to the output")
    if textfix.fix(text, **overrides) != result.text:
        raise AssertionError("fix() and fix_and_explain() disagree")
    if strict and textfix.fix(result.text, **overrides) != result.text:
        raise AssertionError("not idempotent: fixing the output changes it again")


TARGETS = {"decode": decode_target, "pipeline": pipeline_target}

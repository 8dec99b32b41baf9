"""The examples in the docstrings of the public entry points run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["textfix", "textfix.config", "textfix.pinyin", "textfix.normalize"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0, f"{name} has no examples"
    assert failures == 0

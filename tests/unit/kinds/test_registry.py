"""The kind registry: one declaration per kind, and what the stages derive from it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator import schema
from generator.kinds import REGISTRY, Kind
from generator.project import Language

BG = Language("bg", "Български", "bg_BG", ("en",))
DE = Language("de", "Deutsch", "de_DE", ("en", "bg"), root="de/")
TEMPLATES = Path(__file__).resolve().parents[3] / "generator" / "templates"


def test_every_kind_has_a_model_a_template_and_its_own_address_and_open_data_name():
    assert len(set(REGISTRY.names())) == len(list(REGISTRY))
    assert len({kind.plural for kind in REGISTRY}) == len(list(REGISTRY))
    assert len({kind.page for kind in REGISTRY}) == len(list(REGISTRY))
    for kind in REGISTRY:
        assert issubclass(kind.model, schema.Record)
        assert (TEMPLATES / kind.page_template).is_file(), kind.name
        assert "{slug}" in kind.page
        if kind.listing is not None:
            assert (TEMPLATES / kind.listing.template).is_file(), kind.name


def test_files_are_matched_to_their_kind_and_new_files_go_where_the_pattern_says():
    assert REGISTRY.for_path(PurePosixPath("measures/x.yaml")) is REGISTRY["measure"]
    assert REGISTRY.for_path(PurePosixPath("regions/ruse/practices/x.yaml")) is REGISTRY["practice"]
    assert REGISTRY.for_path(PurePosixPath("regions/ruse/region.yaml")) is REGISTRY["region"]
    assert REGISTRY.for_path(PurePosixPath("regions/ruse/x.yaml")) is None
    assert REGISTRY["practice"].file_for("x", "ruse") == PurePosixPath("regions/ruse/practices/x.yaml")
    assert REGISTRY["region"].file_for("ruse", None) == PurePosixPath("regions/ruse/region.yaml")
    assert REGISTRY["measure"].file_for("x", None) == PurePosixPath("measures/x.yaml")
    assert REGISTRY["practice"].folder_for(PurePosixPath("regions/ruse/practices/x.yaml")) == "ruse"


def test_a_kind_is_named_from_its_declaration_or_the_catalogue_and_falls_back_to_its_code():
    assert REGISTRY["measure"].word(BG) == "Мярка"
    assert REGISTRY["measure"].plural_word(BG) == "Мерки"
    assert REGISTRY["measure"].word(DE) == "Measure"  # no German in the catalogue: its fallback, English
    own = Kind("employer", schema.Topic, "employers/*.yaml", "employers/{slug}.md", "employers", words={"de": ("Arbeitgeber", "Arbeitgeber")})
    assert own.word(DE) == "Arbeitgeber" and own.word(BG) == "employer"


def test_a_kind_registered_for_a_while_is_iterated_then_gone():
    extra = Kind("employer", schema.Topic, "employers/*.yaml", "employers/{slug}.md", "employers")
    with REGISTRY.registered(extra):
        assert "employer" in REGISTRY and REGISTRY.names()[-1] == "employer"
    assert "employer" not in REGISTRY

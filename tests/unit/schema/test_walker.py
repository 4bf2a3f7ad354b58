"""walker.py: the schema walker sees every field of every kind as what it is."""

from __future__ import annotations


def test_the_walker_sees_every_annotation_resolved():
    """A model naming one declared further down must still be walked as that model."""
    from generator import walker
    from generator.kinds import REGISTRY as KINDS

    def visit(model, seen):
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            assert not isinstance(info.annotation, str), (model.__name__, name)
        for spec in walker.fields_of(model):
            if spec.group is not None:
                visit(spec.group, seen)

    seen: set = set()
    for kind in KINDS:
        visit(kind.model, seen)
    assert len(seen) > 15

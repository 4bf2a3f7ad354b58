"""Zensical's languages never share a folder (issue 19: both ran `zensical build --clean` on
one cache, build/.cache, and a build failed now and then with DirectoryNotEmpty).

Zensical keeps its cache in `.cache` beside the configuration file (get_cache_dir in its
crates/zensical/src/config.rs), so a folder per configuration is a cache per language. A
race cannot be reproduced on demand; the layout that rules it out can be checked."""

from __future__ import annotations

import yaml
from conftest import needs_zensical

from generator.project import Project


@needs_zensical
def test_each_language_builds_in_a_folder_of_its_own(zensical_site: Project):
    from generator.builders.zensical import config_path

    langs = zensical_site.languages.codes
    folders = {lang: config_path(zensical_site, lang).parent.resolve() for lang in langs}
    for lang, folder in folders.items():
        assert (folder / ".cache").is_dir(), f"{lang}: Zensical's cache is not beside its configuration"
        config = yaml.safe_load(config_path(zensical_site, lang).read_text(encoding="utf-8"))
        for key in ("docs_dir", "site_dir"):
            assert (folder / config[key]).resolve().is_relative_to(folder), (lang, key)
        for other, elsewhere in folders.items():
            if other != lang:
                assert not folder.is_relative_to(elsewhere), (lang, other)
    assert not (zensical_site.build / ".cache").exists()  # the one cache both used to share

/*
 * The partners' editor: Decap CMS, configured from config.yml (generated from the schema by
 * `python -m generator cms-config`), with three additions Decap cannot be told in its
 * configuration:
 *  - every collection reads and writes files in our YAML form (format.js): the schema line
 *    stays first, empty optional fields are left out, fields keep the schema's order;
 *  - a new record's file name is the official transliteration of its Bulgarian title
 *    (Decap's own slugs of Cyrillic titles are empty or Cyrillic);
 *  - empty values are pruned before saving, so nothing is saved as "".
 */
import { YAML } from "./vendor/yaml/index.js"; // the yaml package Decap itself uses (1.10)
import { fieldOrder, makeFormat, slugify } from "./format.js";

const CMS = window.CMS;
const SLUG = "slug"; // the hidden field whose value becomes the file name

// Decap's entry data is an Immutable.js value; these test it without importing Immutable.
const isMap = (v) => Boolean(v && (v["@@__IMMUTABLE_MAP__@@"] || (v["@@__IMMUTABLE_KEYED__@@"] && v["@@__IMMUTABLE_ORDERED__@@"])));
const isList = (v) => Boolean(v && v["@@__IMMUTABLE_LIST__@@"]);
const TEXT_KEYS = ["bg", "en", "draft"];

/** prune() of format.js, on Decap's Immutable data: empty optional values out. */
function pruneEntry(value) {
  if (isMap(value)) {
    let out = value;
    value.forEach((child, key) => {
      const kept = pruneEntry(child);
      out = kept === undefined ? out.delete(key) : out.set(key, kept);
    });
    if (out.size === 0) return undefined;
    const keys = [...out.keys()];
    if (keys.every((key) => TEXT_KEYS.includes(key))) {
      if (!out.get("bg") && !out.get("en")) return undefined;
      if (out.get("draft") === false) out = out.delete("draft");
    }
    return out;
  }
  if (isList(value)) {
    const items = value.map(pruneEntry).filter((item) => item !== undefined);
    return items.size ? items : undefined;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" && !value.trim()) return undefined;
  return value;
}

function registerFormats(config) {
  const seen = new Set();
  for (const collection of config.collections) {
    for (const entry of collection.files || [collection]) {
      const name = entry.format || collection.format;
      // One format per name: collections that share a name (practices of every region)
      // have the same fields, so the first one's field order serves them all.
      if (!name || !name.startsWith("wego3:") || seen.has(name)) continue;
      const [, kind, depth] = name.split(":");
      const order = fieldOrder(entry.fields);
      CMS.registerCustomFormat(name, "yaml", makeFormat(YAML, { kind, depth: Number(depth), order, drop: [SLUG] }));
      seen.add(name);
    }
  }
}

function titleField(config, collectionName) {
  const collection = config.collections.find((c) => c.name === collectionName);
  return collection && collection.identifier_field ? collection.identifier_field.split(".") : ["title", "bg"];
}

function onPreSave(config) {
  return ({ entry }) => {
    let data = entry.get("data");
    if (entry.get("newRecord")) {
      const title = data.getIn(titleField(config, entry.get("collection"))) || "";
      const slug = slugify(data.get(SLUG) || title);
      if (!slug) throw new Error("Въведете наименование на български: от него се образува адресът на страницата.");
      data = data.set(SLUG, slug);
    }
    return pruneEntry(data) || data.clear();
  };
}

// Decap's Bulgarian leaves a few words in English (or with a Latin letter): ours instead.
const BULGARIAN = {
  editor: {
    editorToolbar: { status: "Състояние: %{status}", inReview: "За преглед", backCollection: "Обратно към „%{collectionLabel}“" },
    editorWidgets: {
      list: { add: "Добави: %{item}", addType: "Добави: %{item}" },
      object: { expand: "Разгъни", collapse: "Свий" },
    },
  },
};

function merged(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === "object" ? merged(base[key] || {}, value) : value;
  }
  return out;
}

async function start() {
  CMS.registerLocale("bg", merged(CMS.getLocale("bg") || {}, BULGARIAN));
  const response = await fetch("config.yml", { cache: "no-store" });
  const config = YAML.parse(await response.text());
  registerFormats(config);
  CMS.registerEventListener({ name: "preSave", handler: onPreSave(config) });
  CMS.init({ config: { ...config, load_config_file: false } });
}

start();

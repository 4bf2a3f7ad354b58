/*
 * The partners' editor: Decap CMS, configured from config.yml (generated from the schema by
 * `python -m generator cms-config`), with three additions Decap cannot be told in its
 * configuration:
 *  - every collection reads and writes files in our YAML form (format.js): the schema line
 *    stays first, empty optional fields are left out, fields keep the schema's order;
 *  - a new record's file name is the official transliteration of its Bulgarian title
 *    (Decap's own slugs of Cyrillic titles are empty or Cyrillic);
 *  - empty values are pruned before saving, so nothing is saved as "";
 *  - a text box saves text, even where the file had a number (a bare 2022);
 *  - a period that ends before it starts is refused beside its end, as the validator does.
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

// --- a date that may not be before another ---------------------------------------------------
// Decap checks each field by itself. The schema says which field of a group may not be before
// another (a period's end and its start, schema.Period.NOT_BEFORE), and the configuration gives
// that group the widget GROUP (an ordinary group, which its fields can find by its id) and the
// later field the widget NOT_BEFORE (an ordinary text box with an isValid()). Decap asks
// isValid() when the field is left and before saving, lists its message beside the field as it
// does its own, and saves nothing while a field has one.
const GROUP = "wego3-group";
const NOT_BEFORE = "wego3-not-before";
const GROUPS = new Map(); // a group's field id (its fields' last parent id) → its control

/** The first and the last month a year (2022: any month of it) or a month (2024-03) can mean,
 * as schema.py's _months; null for anything else (the pattern check speaks of that). */
function months(value) {
  const match = /^([0-9]{4})(?:-(0[1-9]|1[0-2]))?$/.exec(String(value ?? "").trim());
  if (!match) return null;
  const first = Number(match[1]) * 12 + (match[2] ? Number(match[2]) - 1 : 0);
  return [first, first + (match[2] ? 0 : 11)];
}

function registerOrderWidgets() {
  const object = CMS.getWidget("object");
  const string = CMS.getWidget("string");

  class GroupControl extends object.control {
    componentDidMount() {
      super.componentDidMount?.();
      GROUPS.set(this.props.forID, this);
    }

    componentWillUnmount() {
      GROUPS.delete(this.props.forID);
      super.componentWillUnmount?.();
    }

    // When the earlier date changes, a later one told it was before it is checked again, so
    // its message goes as soon as it is no longer true.
    componentDidUpdate(previous) {
      super.componentDidUpdate?.(previous);
      for (const widget of Object.values(this.childRefs)) {
        const rule = widget && widget.props.field.get("not_before");
        if (!rule || !(this.props.fieldsErrors && this.props.fieldsErrors.has(widget.props.uniqueFieldId))) continue;
        const other = rule.first();
        const before = previous.value && previous.value.get ? previous.value.get(other) : undefined;
        const now = this.props.value && this.props.value.get ? this.props.value.get(other) : undefined;
        if (before !== now) widget.validate();
      }
    }
  }

  class NotBeforeControl extends string.control {
    isValid = () => {
      const { field, parentIds = [], value } = this.props;
      const [other, message] = [field.get("not_before").first(), field.get("not_before").last()];
      const group = GROUPS.get(parentIds[parentIds.length - 1]);
      const earlier = months(group && group.props.value && group.props.value.get ? group.props.value.get(other) : undefined);
      const later = months(value);
      if (!earlier || !later || later[1] >= earlier[0]) return true;
      return { error: { type: "CUSTOM", parentIds, message: message.replace("{found}", String(value).trim()) } };
    };
  }

  CMS.registerWidget(GROUP, GroupControl, object.preview, object.schema);
  CMS.registerWidget(NOT_BEFORE, NotBeforeControl, string.preview, string.schema);
  // A text box saves text: a file's bare 2022 (a number to YAML readers, refused by the
  // validator) is saved as "2022".
  const asText = { serialize: (value) => (typeof value === "number" ? String(value) : value), deserialize: (value) => value };
  for (const name of ["string", NOT_BEFORE]) CMS.registerWidgetValueSerializer(name, asText);
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
  registerOrderWidgets();
  CMS.registerEventListener({ name: "preSave", handler: onPreSave(config) });
  CMS.init({ config: { ...config, load_config_file: false } });
}

start();

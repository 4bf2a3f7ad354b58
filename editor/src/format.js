/*
 * How the web editor reads and writes a record file — the one YAML form of the content.
 *
 * Used in the browser by setup.js (as Decap CMS's custom format for every collection) and
 * by normalise.mjs under Node (which brought every content file to this form once, and
 * which a test runs to prove that reading and writing an unchanged file gives the same
 * bytes). So a save in the editor changes only what the partner changed.
 *
 * The form: the `# yaml-language-server: $schema=…` line first; fields in the order of the
 * schema (generator/schema.py, through the generated config); empty optional values left
 * out (never ""); texts' `draft: false` left out (the default); lists of plain values on
 * one line ([a, b]); long texts as folded blocks (>-), texts with line breaks as literal
 * blocks (|-); YAML 1.1 quoting, so PyYAML (the generator's loader) reads every value back
 * as the same type (yes, on, 2021-03-10 stay strings).
 */

const TEXT_KEYS = ["bg", "en", "draft"];
const FOLD_AT = 80; // a text longer than this becomes a folded block
const FLOW_WIDTH = 60; // a list of plain values up to this long is written on one line

function isText(value) {
  return Object.keys(value).every((key) => TEXT_KEYS.includes(key));
}

/** Empty optional values out: "", null, [], {}, and texts with neither bg nor en. */
export function prune(value) {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value instanceof Date) return value;
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, child] of Object.entries(value)) {
      const kept = prune(child);
      if (kept !== undefined) out[key] = kept;
    }
    const keys = Object.keys(out);
    if (!keys.length) return undefined;
    if (isText(out)) {
      if (!out.bg && !out.en) return undefined;
      if (out.draft === false) delete out.draft;
    }
    return out;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" && !value.trim()) return undefined;
  return value;
}

// Characters the generator's reader (PyYAML, YAML 1.1) treats otherwise than this one: next
// line, line and paragraph separators are line breaks to it (it refuses them), control
// characters are refused. A partner pasting them meant a line break, or nothing visible.
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f]/g;
// Outer white space, as the generator's reader drops it (Python's str.strip: JavaScript's
// trim() would also take U+FEFF, which Python keeps).
const OUTER_SPACE = /^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Every text as the generator will read it: composed (NFC), ordinary line breaks, no
 * invisible control characters, no outer spaces — so the form and the validator agree on
 * every character (tests/unit/load/test_form_agreement.py). */
export function cleanText(value) {
  if (typeof value === "string") return value.replace(LINE_BREAKS, "\n").replace(CONTROLS, "").normalize("NFC").replace(OUTER_SPACE, "");
  if (Array.isArray(value)) return value.map(cleanText);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, cleanText(child)]));
  }
  return value;
}

/** Keys in the order of `order` (a tree: {field: {children…}}), unknown keys last as they were. */
function ordered(value, order) {
  if (Array.isArray(value)) return value.map((item) => ordered(item, order));
  if (!value || typeof value !== "object" || value instanceof Date) return value;
  const names = Object.keys(order || {});
  const keys = Object.keys(value).sort((a, b) => {
    const ia = names.indexOf(a);
    const ib = names.indexOf(b);
    return (ia === -1 ? names.length : ia) - (ib === -1 ? names.length : ib);
  });
  const out = {};
  for (const key of keys) out[key] = ordered(value[key], (order || {})[key]);
  return out;
}

function isScalar(node) {
  return node && node.items === undefined && (node.value === null || typeof node.value !== "object");
}

function styled(node) {
  if (!node) return;
  if (node.items === undefined) {
    if (typeof node.value === "string") styleString(node);
    return;
  }
  const isSeq = node.constructor.name === "YAMLSeq" || node.type === "SEQ" || node.type === "FLOW_SEQ";
  if (isSeq && node.items.length && node.items.every(isScalar)) {
    // short lists of plain values on one line; longer ones one value a line
    if (node.items.reduce((length, item) => length + String(item.value).length + 2, 0) <= FLOW_WIDTH) node.type = "FLOW_SEQ";
    return;
  }
  for (const item of node.items) styled(item && item.key !== undefined && "value" in item ? item.value : item);
}

// A year or a year and month (2022, 2024-03): the same quotes every time, since a bare 2022
// is a number and a bare 2024-03 a string to YAML readers — one period, one form.
const PARTIAL_DATE = /^\d{4}(-\d{2})?$/;

function styleString(scalar) {
  if (PARTIAL_DATE.test(scalar.value)) scalar.type = "QUOTE_DOUBLE";
  else if (scalar.value.includes("\n")) scalar.type = "BLOCK_LITERAL";
  else if (scalar.value.length > FOLD_AT && scalar.value.includes(" ") && scalar.value === scalar.value.trim() && !/\s\s/.test(scalar.value)) {
    scalar.type = "BLOCK_FOLDED";
  }
}

/** The header line that tells editors (VS Code's YAML extension) the file's schema. */
export function schemaLine(kind, depth) {
  return `# yaml-language-server: $schema=${"../".repeat(depth + 1)}schemas/${kind}.schema.json\n`;
}

/** A Decap CMS custom format for a record kind whose files sit `depth` folders below content/. */
export function makeFormat(YAML, { kind, depth, order, drop = [] }) {
  return {
    fromFile(content) {
      return YAML.parse(content, { version: "1.1" }) || {};
    },
    toFile(data) {
      // Decap may hand over Immutable.js values inside plain ones; JSON turns both into plain data.
      const plain = JSON.parse(JSON.stringify(data));
      for (const key of drop) delete plain[key];
      const value = ordered(prune(cleanText(plain)) || {}, order);
      const doc = new YAML.Document({ version: "1.1" });
      doc.contents = YAML.createNode(value);
      styled(doc.contents);
      return schemaLine(kind, depth) + String(doc);
    },
  };
}

/** The field order of a collection's fields (Decap config) as a tree. */
export function fieldOrder(fields) {
  const order = {};
  for (const field of fields || []) order[field.name] = field.fields ? fieldOrder(field.fields) : {};
  return order;
}

// --- file names -------------------------------------------------------------------------

// The official Bulgarian transliteration (Transliteration Act, 2009): the same table as
// generator/scaffold.py's slugify (cyrtranslit, with ъ → a, щ → sht, word-final -ия → -ia);
// a test compares both on every title of the content.
const LATIN = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l",
  м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h", ц: "ts", ч: "ch",
  ш: "sh", щ: "sht", ъ: "a", ь: "y", ю: "yu", я: "ya",
};
const MAX_SLUG = 60;

export function slugify(title) {
  const lower = (title || "").toLowerCase().replace(/ия(?![\p{L}\p{N}])/gu, "ia");
  const latin = Array.from(lower).map((c) => (c in LATIN ? LATIN[c] : c)).join("");
  const ascii = latin.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  let slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length > MAX_SLUG) slug = slug.slice(0, MAX_SLUG).replace(/-[^-]*$/, "");
  return slug;
}

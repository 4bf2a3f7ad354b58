// Reads every record file under content/ with the editor's own format and writes it back
// (`--check`: only report the files that would change). The editor writes exactly this
// form, so after one normalisation a save changes only what the partner changed.
//   node editor/normalise.mjs [--check] CONFIG FILE…
import { readFileSync, writeFileSync } from "node:fs";
import YAML from "yaml";
import { fieldOrder, makeFormat } from "./src/format.js";

const args = process.argv.slice(2);
const check = args[0] === "--check";
const [configPath, ...files] = check ? args.slice(1) : args;
const config = YAML.parse(readFileSync(configPath, "utf8"));

// which collection (and so which field order) a file belongs to
const formats = [];
for (const collection of config.collections) {
  for (const entry of collection.files || [collection]) {
    const [, kind, depth] = (entry.format || collection.format).split(":");
    const format = makeFormat(YAML, { kind, depth: Number(depth), order: fieldOrder(entry.fields), drop: ["slug"] });
    formats.push({ where: entry.file || `${collection.folder}/`, format });
  }
}

let changed = 0;
for (const file of files) {
  const found = formats.find(({ where }) => (where.endsWith("/") ? file.startsWith(where) && !file.slice(where.length).includes("/") : file === where));
  if (!found) {
    console.error(`${file}: no collection of the editor holds this file`);
    process.exitCode = 1;
    continue;
  }
  const before = readFileSync(file, "utf8");
  const after = found.format.toFile(found.format.fromFile(before));
  if (after !== before) {
    changed += 1;
    if (check) console.log(file);
    else writeFileSync(file, after);
  }
}
if (check && changed) process.exitCode = 1;
console.error(`${files.length} files, ${changed} ${check ? "not in the editor's form" : "rewritten"}`);

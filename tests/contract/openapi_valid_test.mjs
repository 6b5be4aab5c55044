// web/openapi.json, the API's wire format from which the UI's types are generated, is a valid
// OpenAPI document: it matches the official JSON Schema of its OpenAPI version, every $ref points
// somewhere, path parameters and paths agree, and no route is undocumented. A broken document
// would otherwise only show up as odd generated types.
//
//   node tests/contract/openapi_valid_test.mjs --source .
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "../e2e/lib.mjs";
import { openApiProblems } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const source = path.resolve(args.source ?? ".");
const file = path.resolve(args.file ?? path.join(source, "web", "openapi.json"));

const document = JSON.parse(readFileSync(file, "utf8"));
const problems = await openApiProblems(source, document);
if (problems.length) {
  console.log(`not ok - ${path.relative(process.cwd(), file)} is geen geldige OpenAPI ${document.openapi}-beschrijving:`);
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(`ok - ${path.relative(process.cwd(), file)}: OpenAPI ${document.openapi}, ${Object.keys(document.paths).length} paden, ${operations} operaties`);

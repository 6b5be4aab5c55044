// Helpers for the contract tests: the npm packages come from web/node_modules (one lock file for
// the UI and its tests), and the OpenAPI document's own checks (schema, $refs, path parameters).
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** An ES module from web/node_modules, with a Dutch message when `npm ci` has not run. */
export async function importFromWeb(source, pkg, file) {
  const p = path.join(source, "web", "node_modules", pkg, file);
  if (!existsSync(p)) {
    throw new Error(`${pkg} ontbreekt: voer 'npm ci' uit in ${path.join(source, "web")} (make web doet dat)`);
  }
  return import(pathToFileURL(p).href);
}

/**
 * What is wrong with an OpenAPI document, as a list of sentences (empty: nothing). The official
 * JSON Schema of its OpenAPI version (through @seriousme/openapi-schema-validator), every $ref
 * resolves, every {name} in a path is a declared path parameter and the other way round, and no
 * route is listed as undocumented.
 */
export async function openApiProblems(source, document) {
  const { Validator } = await importFromWeb(source, "@seriousme/openapi-schema-validator", "index.js");
  const validator = new Validator();
  const res = await validator.validate(structuredClone(document));
  const problems = [];
  if (!res.valid) {
    // The validator reports either a list of Ajv errors or one sentence (e.g. an unresolved $ref).
    const errors = typeof res.errors === "string" ? [{ message: res.errors }] : (res.errors ?? []);
    for (const e of errors) problems.push(`schema: ${e.instancePath || "/"} ${e.message ?? JSON.stringify(e)}`);
    return problems;
  }
  try {
    validator.resolveRefs();
  } catch (e) {
    problems.push(`$ref: ${e.message}`);
  }
  problems.push(...danglingRefs(document));
  for (const [p, item] of Object.entries(document.paths ?? {})) {
    const inPath = new Set([...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== "object" || !op.responses) continue;
      const declared = new Set([...(item.parameters ?? []), ...(op.parameters ?? [])].filter((x) => x.in === "path").map((x) => x.name));
      for (const n of inPath) if (!declared.has(n)) problems.push(`${method.toUpperCase()} ${p}: padparameter {${n}} niet beschreven`);
      for (const n of declared) if (!inPath.has(n)) problems.push(`${method.toUpperCase()} ${p}: padparameter ${n} staat niet in het pad`);
    }
  }
  for (const r of document["x-ongedocumenteerd"] ?? []) problems.push(`ongedocumenteerde route: ${r}`);
  return problems;
}

function danglingRefs(document) {
  const out = [];
  const walk = (node, at) => {
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${at}/${i}`));
    if (!node || typeof node !== "object") return;
    if (typeof node.$ref === "string") {
      const target = node.$ref.startsWith("#/")
        ? node.$ref.slice(2).split("/").reduce((o, k) => (o == null ? o : o[k.replace(/~1/g, "/").replace(/~0/g, "~")]), document)
        : undefined;
      if (target === undefined) out.push(`$ref ${node.$ref} bij ${at} wijst nergens naar`);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
  };
  walk(document, "");
  return out;
}

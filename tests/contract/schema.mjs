// Responses checked against an OpenAPI 3.0/3.1 document with Ajv: the operation a request hit (by
// method and path template, literal paths before templated ones), the documented status (or
// "default"), the documented media type, and the body against that media type's schema.
import { importFromWeb } from "./lib.mjs";

/** OpenAPI 3.0's `nullable: true` as JSON Schema (type [t, "null"]); 3.1 documents pass as they are. */
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) if (k !== "nullable") out[k] = toJsonSchema(v);
  if (node.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (out.enum) out.enum = [...out.enum, null];
    else if (out.$ref || out.allOf || out.oneOf || out.anyOf) return { anyOf: [{ ...out }, { type: "null" }] };
  }
  return out;
}

/**
 * Objects with listed properties as closed (additionalProperties false, unless the document says
 * otherwise): the UI's types are generated from the document, so a member the server sends but the
 * document does not name is drift too. Branches of allOf/anyOf/oneOf stay open (closing them would
 * reject the other branches' members).
 */
function closeObjects(node, inComposition = false) {
  if (Array.isArray(node)) return node.map((x) => closeObjects(x, inComposition));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = ["allOf", "anyOf", "oneOf"].includes(k) ? v.map((x) => closeObjects(x, true)) : closeObjects(v);
  }
  const composed = node.allOf || node.anyOf || node.oneOf;
  if (node.properties && !("additionalProperties" in node) && !composed && !inComposition) out.additionalProperties = false;
  return out;
}

export async function makeChecker(source, document) {
  const { default: Ajv } = await importFromWeb(source, "ajv", "dist/ajv.js");
  const { default: addFormats } = await importFromWeb(source, "ajv-formats", "dist/index.js");
  // strict false: OpenAPI's own keywords (example, xml, discriminator) are not JSON Schema.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/);
  const is30 = String(document.openapi).startsWith("3.0");
  const components = closeObjects(is30 ? toJsonSchema(document.components ?? {}) : (document.components ?? {}));
  ajv.addSchema({ $id: "openapi", components });

  const operations = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    const params = (template.match(/\{[^}]+\}/g) ?? []).length;
    const re = new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+") + "$");
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === "object" && op.responses) operations.push({ method: method.toUpperCase(), template, re, params, op });
    }
  }
  operations.sort((a, b) => a.params - b.params);
  const validators = new Map();
  const validatorFor = (schema, key) => {
    if (!validators.has(key)) {
      // The schema sits in a response, outside the components: its "#/components/..." references
      // point into the document added above as "openapi".
      validators.set(key, ajv.compile(intoDocument(closeObjects(toJsonSchemaIf(is30, schema)))));
    }
    return validators.get(key);
  };

  /**
   * The ways a real answer differs from the document, each as { route, status, text }; route is
   * "GET /api/v1/meldingen/{id}" (the template), so one finding per route and status.
   */
  return function check(method, urlPath, status, contentType, bodyText) {
    const found = operations.find((o) => o.method === method && o.re.test(urlPath));
    if (!found) return [{ route: `${method} ${urlPath}`, status, text: "route staat niet in de beschrijving" }];
    const route = `${method} ${found.template}`;
    const responses = found.op.responses;
    const key = String(status) in responses ? String(status) : `${String(status)[0]}XX` in responses ? `${String(status)[0]}XX` : "default" in responses ? "default" : null;
    if (!key) return [{ route, status, text: `status ${status} staat niet in de beschrijving (wel: ${Object.keys(responses).join(", ")})` }];
    const response = responses[key];
    const content = response.content ?? {};
    const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
    if (!bodyText) {
      return [];
    }
    if (Object.keys(content).length === 0) {
      return [{ route, status, text: `antwoord heeft een inhoud (${media || "zonder type"}) die de beschrijving niet noemt` }];
    }
    const entry = content[media] ?? content[`${media.split("/")[0]}/*`] ?? content["*/*"];
    if (!entry) return [{ route, status, text: `type ${media} staat niet in de beschrijving (wel: ${Object.keys(content).join(", ")})` }];
    if (!entry.schema || !/json$/.test(media)) return [];
    let body;
    try {
      body = JSON.parse(bodyText);
    } catch {
      return [{ route, status, text: `inhoud is geen JSON terwijl het type ${media} is` }];
    }
    const validate = validatorFor(entry.schema, `${route} ${key} ${media}`);
    if (validate(body)) return [];
    // Array positions as "*": one finding per member, whichever element of a list showed it.
    return validate.errors.map((e) => {
      const at = e.instancePath.replace(/\/\d+(?=\/|$)/g, "/*") || "/";
      if (e.keyword === "additionalProperties") return { route, status, text: `${at} heeft lid '${e.params.additionalProperty}' dat de beschrijving niet noemt` };
      return { route, status, text: `${at} ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : ""}` };
    });
  };
}

function toJsonSchemaIf(is30, schema) {
  return is30 ? toJsonSchema(schema) : schema;
}

function intoDocument(node) {
  if (Array.isArray(node)) return node.map(intoDocument);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `openapi${v}` : intoDocument(v);
  return out;
}

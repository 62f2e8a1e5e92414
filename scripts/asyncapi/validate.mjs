// Parses an AsyncAPI document with @asyncapi/parser and fails on any error-level diagnostic,
// as integrators' own tools (asyncapi validate, AsyncAPI Studio) would.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

// The parser is installed in a project-local folder (scripts/test.sh), not beside this script.
const [installed, documentPath] = process.argv.slice(2);
const require = createRequire(resolve(installed, "package.json"));
const { Parser, DiagnosticSeverity } = require("@asyncapi/parser");

const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(documentPath, "utf8"));
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
for (const d of errors) {
  console.error(`${d.code}: ${d.message} at ${d.path.join(".")}`);
}
if (!document || errors.length > 0) {
  console.error(`${documentPath}: ${errors.length} errors`);
  process.exit(1);
}
console.log(`${documentPath}: 0 errors (${diagnostics.length} warnings or hints)`);

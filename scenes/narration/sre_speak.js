#!/usr/bin/env node
// MathML -> ClearSpeak English words, offline, by the Speech Rule Engine.
// Usage: node sre_speak.js SRE_FOLDER   (SRE_FOLDER: the installed speech-rule-engine package)
// Each line of stdin is a JSON list of MathML strings; each answer is one line, a JSON list of
// strings (or {"error": "..."} for a list that failed), so one process serves many batches.
'use strict';
const path = require('path');
const readline = require('readline');

const folder = process.argv[2];
if (!folder) {
  process.stderr.write('usage: node sre_speak.js SRE_FOLDER\n');
  process.exit(2);
}
const sre = require(path.resolve(folder));

async function main() {
  await sre.setupEngine({
    locale: 'en', domain: 'clearspeak', modality: 'speech', style: process.argv[3] || 'default',
    json: path.join(path.resolve(folder), 'lib', 'mathmaps'),
  });
  await sre.engineReady();
  process.stdout.write(JSON.stringify({ready: sre.version}) + '\n');
  const lines = readline.createInterface({input: process.stdin, terminal: false});
  for await (const line of lines) {
    if (!line.trim()) continue;
    let answer;
    try {
      answer = JSON.parse(line).map((mathml) => sre.toSpeech(mathml));
    } catch (error) {
      answer = {error: String(error && error.message || error)};
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
}

main().catch((error) => {
  process.stderr.write(`sre_speak: ${error && error.stack || error}\n`);
  process.exit(1);
});

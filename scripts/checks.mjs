#!/usr/bin/env node
// `npm test`'s static checks, two at a time (tsc and ESLint are single-threaded: on 2 cores, side
// by side they take about half the time): tsc on functions, web and tests; ESLint; Prettier's check.
// Each check's output is printed whole when it ends, so outputs never interleave; it fails if any fails.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const CHECKS = [
  ['tsc functions', bin('tsc'), ['-p', 'functions', '--noEmit']],
  ['eslint', bin('eslint'), ['.']],
  ['tsc web', bin('tsc'), ['-p', 'web']],
  ['tsc tests', bin('tsc'), ['-p', '.']],
  ['prettier', bin('prettier'), ['--check', '.']],
];

function check([name, cmd, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: process.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const done = (code) => {
      console.log(`── ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (out.trim()) console.log(out.trimEnd());
      resolve(code === 0);
    };
    child.on('error', (err) => {
      out += String(err);
      done(127);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

const queue = [...CHECKS];
const results = [];
const worker = async () => {
  while (queue.length) results.push(await check(queue.shift()));
};
await Promise.all([worker(), worker()]);
process.exit(results.every(Boolean) ? 0 : 1);

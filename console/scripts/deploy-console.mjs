#!/usr/bin/env node
// The console's deploy step, after `sam deploy` (README.md, "Console"): reads the stack's outputs, builds the
// console, writes dist/config.json (API URL, issuer, client id, hosted UI endpoints), uploads dist to the console
// bucket (hashed assets cached a year, the pages revalidated) and invalidates the pages in CloudFront.
// Uses the AWS CLI with the caller's credentials and region (AWS_PROFILE, AWS_REGION, ...).
//   node console/scripts/deploy-console.mjs [--stack billrun] [--skip-build] [--dist DIR] [--no-invalidate]
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleConfig, INVALIDATION_PATHS, outputsOf, uploadPlan } from './deploy-config.mjs';

const CONSOLE = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function options(argv) {
  const chosen = { stack: 'billrun', build: true, dist: join(CONSOLE, 'dist'), invalidate: true };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--stack') chosen.stack = argv[++i];
    else if (name === '--dist') chosen.dist = resolve(argv[++i]);
    else if (name === '--skip-build') chosen.build = false;
    else if (name === '--no-invalidate') chosen.invalidate = false;
    else throw new Error(`unknown option ${name} (--stack NAME, --dist DIR, --skip-build, --no-invalidate)`);
    if (chosen.stack === undefined || chosen.dist === undefined) throw new Error(`${name} needs a value`);
  }
  return chosen;
}

function aws(...args) {
  return execFileSync('aws', [...args, '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function filesUnder(root, dir = root) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(root, path) : [relative(root, path).split(sep).join('/')];
  });
}

function main() {
  const chosen = options(process.argv.slice(2));
  const outputs = outputsOf(JSON.parse(aws('cloudformation', 'describe-stacks', '--stack-name', chosen.stack)));
  const bucket = outputs.ConsoleBucket;
  const distribution = outputs.ConsoleDistributionId;
  if (!bucket || !distribution) throw new Error(`stack ${chosen.stack} has no ConsoleBucket/ConsoleDistributionId output`);
  const config = consoleConfig(outputs);
  if (chosen.build) execFileSync('npm', ['run', 'build'], { cwd: CONSOLE, stdio: 'inherit' });
  writeFileSync(join(chosen.dist, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  console.log(`config.json: ${JSON.stringify(config)}`);
  for (const file of uploadPlan(filesUnder(chosen.dist))) {
    aws('s3', 'cp', join(chosen.dist, file.key), `s3://${bucket}/${file.key}`,
      '--content-type', file.contentType, '--cache-control', file.cacheControl, '--only-show-errors');
    console.log(`uploaded ${file.key} (${file.cacheControl})`);
  }
  if (chosen.invalidate) {
    const answer = JSON.parse(aws('cloudfront', 'create-invalidation', '--distribution-id', distribution,
      '--paths', ...INVALIDATION_PATHS));
    console.log(`invalidation ${answer.Invalidation?.Id}: ${INVALIDATION_PATHS.join(' ')}`);
  }
  console.log(`Console: ${outputs.ConsoleUrl}`);
}

try {
  main();
} catch (failure) {
  console.error(`deploy-console: ${failure.message}`);
  process.exit(1);
}

#!/usr/bin/env node
// Entry point for the casebook command. Sources are TypeScript run through tsx,
// so there is no build step to forget.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `casebook needs Node.js 22.13 or newer (this is ${process.versions.node}).\n` +
      'Run ./casebook instead, which provides Node 22 through scripts/node22.sh.\n',
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

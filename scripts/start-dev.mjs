// `yarn start`: the portal for development, on the embedded lab. Starts the
// frontend (http://localhost:3000) and the development backend (:7007,
// packages/backend/dev/index.ts: the production features plus the lab and the
// guest sign-in), both reloading on change.
//
// Why a launcher instead of `backstage-cli repo start`: that command always
// starts a backend package from src/index.ts, which is the production backend
// here; `package start --role backend-plugin` starts dev/index.ts instead.
//
// Config: app-config.yaml + app-config.lab.yaml (the lab, guest sign-in,
// loopback BMCs, the demo organisation), then app-config.local.yaml when it
// exists (ignored by git: personal overrides), then any --config given here.
//   node scripts/start-dev.mjs [app|backend] [--config FILE]... [other flags]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let args = process.argv.slice(2);
let only;
if (args[0] === 'app' || args[0] === 'backend') [only, ...args] = args;

// Extra --config paths are resolved from where yarn was started.
const callerDir = process.env.INIT_CWD ?? process.cwd();
const extra = [];
const passthrough = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--config' && args[i + 1] !== undefined) {
    extra.push(resolve(callerDir, args[++i]));
  } else {
    passthrough.push(args[i]);
  }
}
const configs = [
  join(root, 'app-config.yaml'),
  join(root, 'app-config.lab.yaml'),
  ...[join(root, 'app-config.local.yaml')].filter(existsSync),
  ...extra,
];
const configArgs = configs.flatMap(file => ['--config', file]);

const packages = {
  app: ['package', 'start', ...configArgs, ...passthrough],
  backend: [
    'package',
    'start',
    '--role',
    'backend-plugin',
    ...configArgs,
    ...passthrough,
  ],
};
const children = Object.entries(packages)
  .filter(([name]) => !only || name === only)
  .map(([name, cliArgs]) =>
    spawn('yarn', ['backstage-cli', ...cliArgs], {
      cwd: join(root, 'packages', name),
      stdio: 'inherit',
    }),
  );

let exiting = false;
const stop = signal => {
  exiting = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
// One half stopping stops the other: a portal without its backend (or its
// frontend) is not a portal.
for (const child of children) {
  child.on('exit', code => {
    if (!exiting) stop('SIGTERM');
    if (children.every(c => c.exitCode !== null || c.signalCode !== null)) {
      process.exit(code ?? 0);
    }
  });
}

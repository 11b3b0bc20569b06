'use strict';
// Starts the built DataWorksDI emulator on a free port with a fresh data directory, runs the conformance tests
// (node --test, TAP output) against it, and stops it afterwards, also when a test fails or the run is interrupted.
// The exit code is the test runner's: non-zero when any test fails.
//
// Emulator: $DATAWORKSDI_EMULATOR_DLL, else src/DataWorksDI.Emulator/bin/$CONFIGURATION/net10.0/DataWorksDI.Emulator.dll
// (CONFIGURATION defaults to Debug), run as `dotnet <dll> …`.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const STARTUP_TIMEOUT_MS = 60_000;

function emulatorDll() {
  if (process.env.DATAWORKSDI_EMULATOR_DLL) return path.resolve(process.env.DATAWORKSDI_EMULATOR_DLL);
  const configuration = process.env.CONFIGURATION || 'Debug';
  return path.resolve(__dirname, '..', '..', 'src', 'DataWorksDI.Emulator', 'bin', configuration, 'net10.0', 'DataWorksDI.Emulator.dll');
}

function startEmulator(dll, dataDir, configFile) {
  return new Promise((resolve, reject) => {
    const child = spawn('dotnet', [dll, '--urls', 'http://127.0.0.1:0', '--data-dir', dataDir, '--config', configFile,
      '--deployment-delay', '300ms', '--realtime-generation-delay', '200ms', '--realtime-start-delay', '200ms'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = [];
    child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('The emulator did not print its startup line within ' + STARTUP_TIMEOUT_MS / 1000 + ' s.\n' + stderr.join('')));
    }, STARTUP_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error('The emulator exited (' + code + ') before it listened.\n' + stderr.join('')));
    });
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const m = /^DataWorks emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (!m) {
        child.kill('SIGKILL');
        reject(new Error('Unexpected first line from the emulator: ' + line));
        return;
      }
      lines.on('line', () => {}); // keep draining stdout
      resolve({ child, url: m[1], stderr });
    });
  });
}

function stopEmulator(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

async function main() {
  const dll = emulatorDll();
  if (!fs.existsSync(dll)) {
    console.error('conformance: the emulator is not built at ' + dll + ' (build the solution, or set DATAWORKSDI_EMULATOR_DLL / CONFIGURATION).');
    return 2;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwdi-conformance-'));
  // Failure injection the tests use (docs/emulator.md, "Deployments"): production deployments of failprod_* fail.
  const configFile = path.join(dataDir, '..', path.basename(dataDir) + '.json');
  fs.writeFileSync(configFile, JSON.stringify({ deploymentChecks: [{ fileNamePattern: 'failprod_*', outcome: 'fail', stage: 'deploy' }] }));
  let emulator;
  const cleanUp = async () => {
    await stopEmulator(emulator && emulator.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(configFile, { force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => { cleanUp().finally(() => process.exit(130)); });
  }
  try {
    emulator = await startEmulator(dll, dataDir, configFile);
    const testDir = path.join(__dirname, 'test');
    const files = fs.readdirSync(testDir).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(testDir, f));
    const runner = spawn(process.execPath, ['--test', '--test-reporter=tap', '--test-concurrency=2', ...files], {
      stdio: 'inherit',
      env: { ...process.env, DATAWORKSDI_EMULATOR_URL: emulator.url },
    });
    const code = await new Promise((resolve) => runner.on('exit', (c, signal) => resolve(c === null ? 1 : c)));
    if (code !== 0 && emulator.stderr.length > 0) console.error('# emulator stderr:\n' + emulator.stderr.join('').split('\n').map((l) => '# ' + l).join('\n'));
    return code;
  } finally {
    await cleanUp();
  }
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error('conformance: ' + e.message); process.exitCode = 1; });

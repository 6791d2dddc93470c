import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { loadConfig } from '../../config/load-config.ts';
import { createLogger } from '../../lib/logger.ts';
import { writeSampleLayout } from '../../sim/import/testing/sample-recording.ts';
import { demo } from './demo.ts';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe('casebook demo', () => {
  it('shows an import warning as a plain note at the default log level', async () => {
    const { recordingPath } = writeSampleLayout();
    const cwd = mkdtempSync(join(tmpdir(), 'casebook-demo-'));
    // No ATT&CK list here: the import warns that techniques were not checked.
    const env = { CASEBOOK_DB: join(cwd, 'casebook.db'), CASEBOOK_DATASETS: cwd };
    const log = sink();
    const stdout = sink();
    const stderr = sink();

    const code = await demo.run({
      args: ['--import', recordingPath],
      config: loadConfig({ env, cwd }),
      logger: createLogger({ destination: log.stream }),
      stdout: stdout.stream,
      stderr: stderr.stream,
      interrupted: new Promise(() => {}),
    });

    expect(code).toBe(0);
    expect(stderr.text()).toMatch(
      /^note: \S+: no ATT&CK catalogue loaded: techniques were reformatted but not checked against v18\.1$/m,
    );
    expect(log.text()).toBe('');
  }, 60_000);
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../../lib/datasets-root.ts';
import { scratchFolder, writeBytes } from '../testing/archives.ts';
import {
  canonicalTechniqueId,
  createAttackCatalog,
  crosswalkOnlyNormalise,
  loadAttackCatalog,
} from './attack-catalog.ts';
import { TECHNIQUE_CROSSWALK } from './technique-crosswalk.ts';

const catalog = createAttackCatalog({
  source: 'test',
  tactics: [{ id: 'TA0006', shortname: 'credential-access', name: 'Credential Access' }],
  techniques: [
    { id: 'T1003', name: 'OS Credential Dumping', tactics: ['TA0006'], deprecated: false },
    { id: 'T1003.001', name: 'LSASS Memory', tactics: ['TA0006'], deprecated: false },
    { id: 'T1059.001', name: 'PowerShell', tactics: ['TA0002'], deprecated: false },
    { id: 'T1086', name: 'PowerShell', tactics: ['TA0002'], deprecated: true },
  ],
});

describe('attack catalogue', () => {
  it('writes technique ids one way', () => {
    expect(canonicalTechniqueId(' t1003.001 ')).toBe('T1003.001');
    expect(canonicalTechniqueId('T1003/001')).toBe('T1003.001');
    expect(canonicalTechniqueId('T1003.1')).toBe('T1003.001');
    expect(canonicalTechniqueId('T1003')).toBe('T1003');
    expect(canonicalTechniqueId('TA0006')).toBeUndefined();
    expect(canonicalTechniqueId('lsass')).toBeUndefined();
  });

  it('keeps active ids and maps retired ones through the crosswalk', () => {
    expect(catalog.normalise('t1003/001')).toEqual({
      input: 't1003/001',
      id: 'T1003.001',
      status: 'current',
    });
    expect(catalog.normalise('T1086')).toEqual({
      input: 'T1086',
      id: 'T1059.001',
      status: 'crosswalk',
    });
  });

  it('falls back to the parent of an unknown sub-technique', () => {
    expect(catalog.normalise('T1003.999')).toEqual({
      input: 'T1003.999',
      id: 'T1003',
      status: 'parent',
    });
  });

  it('gives no id for what it cannot place', () => {
    expect(catalog.normalise('T9999')).toEqual({
      input: 'T9999',
      id: undefined,
      status: 'unknown',
    });
    expect(catalog.normalise('not-an-id')).toEqual({
      input: 'not-an-id',
      id: undefined,
      status: 'unknown',
    });
  });

  it('normalises with the crosswalk alone when no catalogue is loaded', () => {
    expect(crosswalkOnlyNormalise('t1085')).toEqual({
      input: 't1085',
      id: 'T1218.011',
      status: 'crosswalk',
    });
    expect(crosswalkOnlyNormalise('T1003.001').status).toBe('current');
  });

  it('loads the compact catalogue file', async () => {
    const path = writeBytes(
      scratchFolder(),
      'attack.json',
      JSON.stringify({
        source: 'mini',
        tactics: [{ id: 'TA0006', shortname: 'credential-access', name: 'Credential Access' }],
        techniques: [
          {
            id: 'T1003',
            name: 'OS Credential Dumping',
            tactics: ['TA0006'],
            platforms: ['Windows'],
            deprecated: false,
            subtechnique: false,
          },
        ],
      }),
    );

    const loaded = await loadAttackCatalog({ path });

    expect(loaded.source).toBe('mini');
    expect(loaded.technique('T1003')?.name).toBe('OS Credential Dumping');
    expect(loaded.tactic('TA0006')?.name).toBe('Credential Access');
  });

  it('rejects a catalogue file that is not JSON or not the expected shape', async () => {
    const folder = scratchFolder();
    const broken = writeBytes(folder, 'broken.json', '{');
    const wrong = writeBytes(
      folder,
      'wrong.json',
      JSON.stringify({ tactics: [], techniques: [{ id: 'X' }] }),
    );

    await expect(loadAttackCatalog({ path: broken })).rejects.toMatchObject({
      code: 'ATTACK_CATALOG_INVALID',
      fault: 'config',
      path: broken,
    });
    await expect(loadAttackCatalog({ path: wrong })).rejects.toMatchObject({
      code: 'ATTACK_CATALOG_INVALID',
      message: expect.stringContaining('techniques.0.id'),
    });
    await expect(loadAttackCatalog({ path: join(folder, 'absent.json') })).rejects.toMatchObject({
      code: 'ATTACK_CATALOG_INVALID',
    });
  });
});

const SHARED_ATTACK = join(datasetsRoot(), 'attack', 'enterprise-attack-v18.1.json');
if (!existsSync(SHARED_ATTACK)) {
  console.warn(
    `skipping the ATT&CK v18.1 checks: ${SHARED_ATTACK} is absent (set CASEBOOK_DATASETS)`,
  );
}

describe.skipIf(!existsSync(SHARED_ATTACK))('technique crosswalk against ATT&CK v18.1', () => {
  it('maps only retired or unknown ids, and only to active ones', async () => {
    const v18 = await loadAttackCatalog({ path: SHARED_ATTACK });

    for (const [retired, successor] of Object.entries(TECHNIQUE_CROSSWALK)) {
      expect(v18.technique(retired)?.deprecated ?? true, retired).toBe(true);
      expect(v18.technique(successor)?.deprecated, `${retired} → ${successor}`).toBe(false);
      expect(v18.normalise(retired), retired).toEqual({
        input: retired,
        id: successor,
        status: 'crosswalk',
      });
    }
  });
});

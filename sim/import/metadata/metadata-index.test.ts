import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder, writeBytes } from '../testing/archives.ts';
import { linkPathOf, MetadataIndex } from './metadata-index.ts';

const LINK = 'https://raw.githubusercontent.com/OTRF/Security-Datasets/master';

function layout() {
  const root = scratchFolder();
  const host = join(root, 'otrf', 'datasets', 'atomic', 'windows', 'execution', 'host');
  const metadata = join(root, 'otrf', 'datasets', 'atomic', '_metadata');
  mkdirSync(host, { recursive: true });
  mkdirSync(metadata, { recursive: true });
  writeBytes(
    metadata,
    'SDWIN-1.yaml',
    [
      'title: Bitsadmin Download',
      'id: SDWIN-1',
      'attack_mappings:',
      '  - technique: T1197',
      '    sub-technique:',
      '    tactics: [TA0003, TA0005]',
      'files:',
      '- type: Host',
      `  link: ${LINK}/datasets/atomic/windows/execution/host/bits.zip`,
    ].join('\n'),
  );
  writeBytes(metadata, 'broken.yaml', 'title: [unclosed');
  writeBytes(metadata, 'no-id.yaml', 'title: Missing id\n');
  return { root, host };
}

describe('MetadataIndex', () => {
  it('finds the metadata whose link path ends the recording path', async () => {
    const { root, host } = layout();
    const index = new MetadataIndex();

    const match = await index.find(join(host, 'bits.zip'), root);

    expect(match?.metadata.id).toBe('SDWIN-1');
    expect(match?.matchedBy).toBe('link');
    expect(match?.linkPath).toBe('datasets/atomic/windows/execution/host/bits.zip');
    expect(match?.fileType).toBe('Host');
  });

  it('falls back to the file name when the recording was moved', async () => {
    const { root } = layout();
    const moved = join(root, 'otrf', 'datasets', 'atomic', 'elsewhere');
    mkdirSync(moved);

    const match = await new MetadataIndex().find(join(moved, 'bits.zip'), root);

    expect(match?.matchedBy).toBe('file-name');
  });

  it('reports unusable metadata files once and returns nothing for unknown recordings', async () => {
    const { root, host } = layout();
    const index = new MetadataIndex();

    expect(await index.find(join(host, 'other.zip'), root)).toBeUndefined();
    const problems = index.takeProblems();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('broken.yaml: not valid YAML');
    expect(problems[1]).toContain('no-id.yaml: id:');

    await index.find(join(host, 'bits.zip'), root);
    expect(index.takeProblems()).toEqual([]);
  });

  it('takes the path after /master/ of a link', () => {
    expect(linkPathOf(`${LINK}/datasets/compound/x.zip`)).toBe('datasets/compound/x.zip');
    expect(linkPathOf('https://example.org/datasets/x.zip')).toBe('datasets/x.zip');
  });
});

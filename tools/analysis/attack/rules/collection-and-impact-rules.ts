import {
  ANY_EVENT,
  isUserWritablePath,
  oneOf,
  REGISTRY_WRITES,
  SCRIPT_HOSTS,
  SHELL_IMAGES,
  textMatches,
} from '../rule-helpers.ts';
import type { TechniqueRule } from '../technique-rule.ts';

/**
 * Windows records which desktop program used the microphone under
 * `ConsentStore\microphone\NonPackaged\<path with # for \>`.
 */
const MICROPHONE_USE = /\\consentstore\\microphone\\nonpackaged\\([^\\]+)\\lastusedtimestart$/;

function micUserIsSuspicious(encodedPath: string): boolean {
  const path = encodedPath.replaceAll('#', '\\');
  const image = path.slice(path.lastIndexOf('\\') + 1);
  return SHELL_IMAGES.includes(image) || SCRIPT_HOSTS.includes(image) || isUserWritablePath(path);
}

const RECOVERY_INHIBITION = oneOf(
  /\bvssadmin(\.exe)?["']?\s+delete\s+shadows/,
  /\bwmic(\.exe)?["']?\s+shadowcopy\s+delete/,
  /\bwbadmin(\.exe)?["']?\s+delete\s+(catalog|systemstatebackup)/,
  /\bbcdedit(\.exe)?["']?\s.*(recoveryenabled\s+no|bootstatuspolicy\s+ignoreallfailures)/,
  /win32_shadowcopy.{0,80}\.delete\(/,
);

export const COLLECTION_AND_IMPACT_RULES: readonly TechniqueRule[] = [
  {
    id: 'microphone-used-by-shell',
    technique: 'T1123',
    title: 'A shell, script host or dropped program used the microphone',
    confidence: 0.6,
    eventTypes: REGISTRY_WRITES,
    match: (event, facts) => {
      const match = MICROPHONE_USE.exec(facts.registryPath);
      return (
        REGISTRY_WRITES.includes(event.type) &&
        match?.[1] !== undefined &&
        micUserIsSuspicious(match[1])
      );
    },
  },
  {
    id: 'screen-capture',
    technique: 'T1113',
    title: 'A script captures the screen',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /copyfromscreen|get-timedscreenshot|\bscreenshot\b/),
  },
  {
    id: 'keylogging',
    technique: 'T1056.001',
    title: 'A script polls or hooks the keyboard (keylogger)',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /getasynckeystate|setwindowshookex|get-keystrokes/),
  },
  {
    id: 'clipboard-read',
    technique: 'T1115',
    title: 'A script reads the clipboard',
    confidence: 0.5,
    eventTypes: ['Command Script'],
    match: (_event, facts) => /\bget-clipboard\b|clipboard\]::gettext/.test(facts.script),
  },
  {
    id: 'archive-for-collection',
    technique: 'T1560.001',
    title: 'Files packed into an archive by command (7z a, rar a, Compress-Archive)',
    confidence: 0.45,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\b(7z|7za|rar|winrar)(\.exe)?["']?\s+a\s|\bcompress-archive\b/),
  },
  {
    id: 'recovery-inhibited',
    technique: 'T1490',
    title: 'Shadow copies or backups deleted, or boot recovery turned off',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, RECOVERY_INHIBITION),
  },
];

import {
  ANY_EVENT,
  isOsComponent,
  isUserWritablePath,
  oneOf,
  REGISTRY_WRITES,
  SCRIPT_HOSTS,
  SHELL_IMAGES,
  textMatches,
} from '../rule-helpers.ts';
import type { TechniqueRule } from '../technique-rule.ts';

/** Protocol handlers auto-elevating programs read from the user's hive. */
const UAC_HIJACK_KEY = oneOf(
  new RegExp(
    '(\\\\software\\\\classes|_classes)\\\\' +
      '(ms-settings|mscfile|exefile|folder|launcher\\.systemsettings|appx[0-9a-z]+)' +
      '\\\\shell\\\\open\\\\command',
  ),
  /\\environment\\windir$/,
);

/** `cmd /c echo x > \\.\pipe\x`: a service that writes into a pipe the caller listens on. */
const PIPE_ECHO = /\becho\b[^\n>]{0,80}>\s*\\\\\.\\pipe\\/;

/** Programs Windows elevates without a prompt, which UAC bypasses abuse. */
const AUTO_ELEVATING = [
  'fodhelper.exe',
  'computerdefaults.exe',
  'eventvwr.exe',
  'sdclt.exe',
  'slui.exe',
  'wsreset.exe',
  'changepk.exe',
];

export const PRIVILEGE_ESCALATION_RULES: readonly TechniqueRule[] = [
  {
    id: 'uac-bypass-registry-hijack',
    technique: 'T1548.002',
    title: 'A shell-open handler written for an auto-elevating program (UAC bypass)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      (REGISTRY_WRITES.includes(event.type) && UAC_HIJACK_KEY.test(facts.registryPath)) ||
      textMatches(facts, /\\(ms-settings|mscfile|exefile)\\shell\\open\\command/),
  },
  {
    id: 'uac-bypass-elevated-child',
    technique: 'T1548.002',
    title: 'An auto-elevating Windows program started a shell or a dropped program',
    confidence: 0.85,
    eventTypes: ['Process Creation'],
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec !== undefined &&
        AUTO_ELEVATING.includes(exec.parentImage) &&
        (SHELL_IMAGES.includes(exec.image) ||
          SCRIPT_HOSTS.includes(exec.image) ||
          isUserWritablePath(exec.path))
      );
    },
  },
  {
    id: 'elevated-com-shell',
    technique: 'T1548.002',
    title: 'A COM surrogate (dllhost) started a shell, as elevation-moniker UAC bypasses do',
    confidence: 0.7,
    eventTypes: ['Process Creation'],
    match: (_event, facts) =>
      facts.exec?.parentImage === 'dllhost.exe' && SHELL_IMAGES.includes(facts.exec.image),
  },
  {
    id: 'named-pipe-impersonation',
    technique: 'T1134.001',
    title: 'A command echoes into a named pipe to steal a SYSTEM token (getsystem)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => PIPE_ECHO.test(facts.text) || PIPE_ECHO.test(facts.registryValue),
  },
  {
    id: 'token-manipulation-api',
    technique: 'T1134.001',
    title: 'A script calls token duplication or impersonation APIs',
    confidence: 0.6,
    eventTypes: ['Command Script'],
    match: (_event, facts) =>
      /invoke-tokenmanipulation|duplicatetokenex|impersonateloggedonuser|setthreadtoken/.test(
        facts.script,
      ),
  },
  {
    id: 'create-process-with-token',
    technique: 'T1134.002',
    title: 'A process started under other credentials for the network only (runas /netonly)',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\/createnetonly:|\brunas(\.exe)?["']?\s.*\/netonly\b/),
  },
  {
    id: 'remote-thread-injection',
    technique: 'T1055',
    title: 'A program that is not a Windows component created a thread in another process',
    confidence: 0.6,
    eventTypes: ['Remote Thread Creation'],
    match: (event, facts) =>
      !isOsComponent(facts) &&
      event.target.process?.uid !== event.process.uid &&
      facts.targetImage !== facts.actorImage,
  },
  {
    id: 'injection-tooling',
    technique: 'T1055',
    title:
      'Process injection or image tampering tooling (PSInject, reflective loaders, herpaderping)',
    confidence: 0.75,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        oneOf(
          /invoke-psinject|invoke-reflectivepeinjection|invoke-shellcode/,
          /\bprocessherpaderping(\.exe)?\b|\bprocessdoppelganging\b/,
        ),
      ),
  },
];

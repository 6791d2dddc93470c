import type { Command } from '../command.ts';
import { actionsApprove } from './actions-approve.ts';
import { actionsDeny } from './actions-deny.ts';
import { actionsEdit } from './actions-edit.ts';
import { actionsGrant } from './actions-grant.ts';
import { actionsList } from './actions-list.ts';
import { actionsRecover } from './actions-recover.ts';
import { analyse } from './analyse.ts';
import { auditVerify } from './audit-verify.ts';
import { caseNote } from './case-note.ts';
import { caseStatus } from './case-status.ts';
import { demo } from './demo.ts';
import { EVAL_COMMANDS } from './eval-commands.ts';
import { evalHunting } from './eval-hunting.ts';
import { hunt } from './hunt.ts';
import { itsmSync } from './itsm-sync.ts';
import { itsmTest } from './itsm-test.ts';
import { keysCreate } from './keys-create.ts';
import { keysList } from './keys-list.ts';
import { keysRevoke } from './keys-revoke.ts';
import { run } from './run.ts';
import { S1QL_COMMANDS } from './s1ql.ts';
import { serve } from './serve.ts';
import { simImport } from './sim-import.ts';
import { simItsm } from './sim-itsm.ts';
import { simServe } from './sim-serve.ts';

export const COMMANDS: readonly Command[] = [
  demo,
  run,
  analyse,
  simServe,
  simImport,
  simItsm,
  actionsList,
  actionsApprove,
  actionsDeny,
  actionsEdit,
  actionsGrant,
  actionsRecover,
  auditVerify,
  caseStatus,
  caseNote,
  itsmTest,
  itsmSync,
  ...EVAL_COMMANDS,
  ...S1QL_COMMANDS,
  evalHunting,
  hunt,
  serve,
  keysCreate,
  keysList,
  keysRevoke,
];

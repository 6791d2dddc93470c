import type { Command } from '../command.ts';
import { actionsApprove } from './actions-approve.ts';
import { actionsDeny } from './actions-deny.ts';
import { actionsEdit } from './actions-edit.ts';
import { actionsGrant } from './actions-grant.ts';
import { actionsList } from './actions-list.ts';
import { actionsRecover } from './actions-recover.ts';
import { analyse } from './analyse.ts';
import { auditVerify } from './audit-verify.ts';
import { demo } from './demo.ts';
import { EVAL_COMMANDS } from './eval-commands.ts';
import { evalHunting } from './eval-hunting.ts';
import { hunt } from './hunt.ts';
import { run } from './run.ts';
import { S1QL_COMMANDS } from './s1ql.ts';
import { simImport } from './sim-import.ts';
import { simServe } from './sim-serve.ts';

export const COMMANDS: readonly Command[] = [
  demo,
  run,
  analyse,
  simServe,
  simImport,
  actionsList,
  actionsApprove,
  actionsDeny,
  actionsEdit,
  actionsGrant,
  actionsRecover,
  auditVerify,
  ...EVAL_COMMANDS,
  ...S1QL_COMMANDS,
  evalHunting,
  hunt,
];

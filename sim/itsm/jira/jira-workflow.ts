export interface JiraStatus {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

export type StatusKey = 'todo' | 'progress' | 'done';

export const STATUSES: Record<StatusKey, JiraStatus> = {
  todo: { id: '10000', name: 'To Do', category: 'new' },
  progress: { id: '3', name: 'In Progress', category: 'indeterminate' },
  done: { id: '10001', name: 'Done', category: 'done' },
};

export interface JiraTransition {
  id: string;
  name: string;
  from: StatusKey[];
  to: StatusKey;
}

/** A small software workflow: only these moves exist, each from the statuses listed. */
export const TRANSITIONS: readonly JiraTransition[] = [
  { id: '11', name: 'Start Progress', from: ['todo'], to: 'progress' },
  { id: '21', name: 'Done', from: ['todo', 'progress'], to: 'done' },
  { id: '31', name: 'Stop Progress', from: ['progress'], to: 'todo' },
  { id: '41', name: 'Reopen', from: ['done'], to: 'todo' },
];

export function statusJson(status: JiraStatus) {
  return {
    id: status.id,
    name: status.name,
    statusCategory: { key: status.category, name: status.name },
  };
}

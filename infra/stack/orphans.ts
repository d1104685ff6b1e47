import fs from 'node:fs';
import { isProcessAlive, readStackFile, removeStackFile } from '../../core/config/stack-file';
import type { Logger } from '../../core/logging/logger';
import { StackError } from '../../core/stack-error';

/** Every live process in process group `pgid`, with its command line. Zombies do not count. */
export function groupMembers(pgid: number): { pid: number; command: string }[] {
  const members: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state, ppid, pgrp, ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      members.push({ pid: Number(entry), command });
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

const OURS = /temporal|weed|rakuten|postgres/;

/**
 * Refuses to start a second stack on the same data folder, and cleans up after one that was
 * killed without a chance to stop its children (kill -9, a closed terminal). Each child led a
 * process group of its own, so the group finds grandchildren such as PostgreSQL even when the
 * child itself has died.
 */
export async function claimDataDir(dataDir: string, logger: Logger): Promise<void> {
  const previous = readStackFile(dataDir);
  if (!previous) return;
  if (previous.pid !== process.pid && isProcessAlive(previous.pid)) {
    throw new StackError(
      `A stack is already running from ${dataDir} (pid ${previous.pid}). Stop it with Ctrl-C in its terminal, or set DATA_DIR to another folder.`,
    );
  }
  for (const [name, pgid] of Object.entries(previous.children)) {
    const members = groupMembers(pgid);
    // Only a group that still looks like ours: its id may since have gone to another program.
    if (members.length === 0 || !members.some((m) => OURS.test(m.command))) continue;
    logger.warn(
      `stopping ${name} (process group ${pgid}) left running by a stack that did not shut down`,
    );
    signalGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (groupMembers(pgid).length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    signalGroup(pgid, 'SIGKILL');
  }
  removeStackFile(dataDir);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone.
  }
}

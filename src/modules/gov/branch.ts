import type { Context } from "../../types/context.js";

/** Runs `work` in a branch of `ctx`'s state: its writes and events reach `ctx` only when it returns no error. */
export function runInBranch<E>(ctx: Context, work: (branch: Context) => E | undefined): E | undefined {
  const branch = ctx.branch();
  const error = work(branch.ctx);
  if (error !== undefined) return error;
  branch.write();
  ctx.events.append(branch.ctx.events.events);
  return undefined;
}

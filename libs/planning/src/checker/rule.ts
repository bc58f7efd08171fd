import { CheckContext } from './check-context';

export interface Violation {
  /** stable id of the rule, e.g. "pool-cap" */
  rule: string;
  message: string;
  /** JSON path in the plan, when one entry is at fault */
  path?: string;
}

export interface CheckRule {
  id: string;
  /** the hard rule, in one sentence */
  description: string;
  check(ctx: CheckContext): Violation[];
}

/** At most this many violations per rule, then one line saying how many more. */
export const MAX_VIOLATIONS_PER_RULE = 50;

export class ViolationList {
  readonly items: Violation[] = [];
  private extra = 0;
  constructor(private readonly rule: string) {}
  add(message: string, path?: string): void {
    if (this.items.length < MAX_VIOLATIONS_PER_RULE) {
      this.items.push(path === undefined ? { rule: this.rule, message } : { rule: this.rule, message, path });
    } else {
      this.extra++;
    }
  }
  done(): Violation[] {
    if (this.extra > 0) this.items.push({ rule: this.rule, message: `… and ${this.extra} more` });
    return this.items;
  }
}

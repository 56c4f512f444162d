import type { Logger } from "../../functions/mail-to-alert/log";

/**
 * The handler's logger for a dry run: the handler believes it delivered (the poster only
 * recorded), so its "alert delivered" line would tell an operator that a page went out. It
 * becomes "dry run: alert not sent" naming where it would have gone; metric lines are dropped,
 * because a dry run pages and drops nothing.
 */
export function dryRunLogger(inner: Logger, wouldPostTo: string): Logger {
  return {
    info(message, fields) {
      if (message !== "alert delivered") return inner.info(message, fields);
      const { attempts: _attempts, status: _status, ...rest } = fields ?? {};
      inner.info("dry run: alert not sent", { ...rest, wouldPostTo });
    },
    warn: (message, fields) => inner.warn(message, fields),
    error: (message, fields) => inner.error(message, fields),
    count: () => undefined,
  };
}

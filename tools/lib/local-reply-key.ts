/**
 * The reply-context key of local runs: `npm run local` and `npm run preview` sign the alert's
 * `reply` with it, and the local status endpoint and `npm run preview-status` verify with it. Not
 * a secret, on purpose: it only ever meets 127.0.0.1 and files on your machine; the deployed key
 * is a random_password in SSM (EmergencyInbox's `replyKey`).
 */
export const LOCAL_REPLY_KEY = "email-to-oncall-local-reply-context-key-not-a-secret";

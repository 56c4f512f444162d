// The status function's SecureStrings (the shared secret, the reply-context key): the one reader all functions share.
export { ssmSecret } from "../mail-to-alert/ssm-secret";

/**
 * The canary key of local runs: `npm run local` verifies with it and `npm run canary -- --smtp`
 * signs with it unless given another (env LOCAL_CANARY_KEY). Not a secret, on purpose: it only ever
 * meets the stand-in on 127.0.0.1; the deployed key is a random_password in SSM.
 */
export const LOCAL_CANARY_KEY = "email-to-oncall-local-canary-key-not-a-secret";
export const LOCAL_CANARY_KEY_ENV = "LOCAL_CANARY_KEY";

// Baseline bundle: what the function would ship with mailparser instead of postal-mime.
export { simpleParser } from "mailparser";

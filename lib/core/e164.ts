/**
 * An E.164 phone number as SNS SMS wants it: `+`, a country code not starting with 0, 7 to 15
 * digits in all. Shared by the library's check and the YAML schema so both refuse the same input.
 */
export const E164 = /^\+[1-9]\d{6,14}$/;

// The zip writer lives in the library (the inbox packs its runtime config with it); the app's bundler uses the same one.
export { zipFiles } from "../lib/core/zip";

// Preloaded (node --require) into processes a test starts: records every attempt to resolve or
// connect to anything but the loopback interface in $NET_GUARD_LOG and fails it without any
// network traffic, so a test can assert "this command never tries the internet".
"use strict";
const dns = require("node:dns");
const fs = require("node:fs");
const net = require("node:net");

const logFile = process.env.NET_GUARD_LOG;
const LOOPBACK = /^(localhost|127(\.\d+){3}|::1|::ffff:127(\.\d+){3})$/i;
const record = (what) => logFile && fs.appendFileSync(logFile, `${process.pid} ${what}\n`);
const refused = (host) => Object.assign(new Error(`net-guard: ${host} is not loopback`), { code: "ENOTFOUND", hostname: host });

const lookup = dns.lookup;
dns.lookup = function (host, options, callback) {
  const cb = typeof options === "function" ? options : callback;
  if (!LOOPBACK.test(String(host))) {
    record(`lookup ${host}`);
    return process.nextTick(() => cb(refused(host)));
  }
  return lookup.apply(this, arguments);
};
const promiseLookup = dns.promises.lookup;
dns.promises.lookup = async function (host, ...rest) {
  if (!LOOPBACK.test(String(host))) {
    record(`lookup ${host}`);
    throw refused(host);
  }
  return promiseLookup.call(this, host, ...rest);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = args[0] !== null && typeof args[0] === "object" ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  const host = o && (o.host ?? "localhost");
  // Names are checked by the lookup above; literal non-loopback addresses are stopped here.
  if (o && !o.path && net.isIP(String(host)) && !LOOPBACK.test(String(host))) {
    record(`connect ${host}:${o.port}`);
    process.nextTick(() => this.destroy(refused(host)));
    return this;
  }
  return connect.apply(this, args);
};

import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { heartbeatUrl, sendHeartbeat } from "../../functions/mail-to-alert/heartbeat";

describe("OnCall heartbeat", () => {
  it("is the integration link plus heartbeat/", () => {
    expect(heartbeatUrl("https://oncall.example/integrations/v1/webhook/T0KEN/")).toBe("https://oncall.example/integrations/v1/webhook/T0KEN/heartbeat/");
    expect(heartbeatUrl("https://oncall.example/integrations/v1/webhook/T0KEN")).toBe("https://oncall.example/integrations/v1/webhook/T0KEN/heartbeat/");
  });

  describe("against a local OnCall", () => {
    let server: http.Server;
    let base: string;
    const seen: string[] = [];
    let answer = 200;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(answer).end("Ok.");
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/integrations/v1/webhook/T0KEN/`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    });

    it("GETs the heartbeat URL", async () => {
      await sendHeartbeat(base);
      expect(seen.at(-1)).toBe("GET /integrations/v1/webhook/T0KEN/heartbeat/");
    });

    it("throws on a non-2xx answer", async () => {
      answer = 404;
      await expect(sendHeartbeat(base)).rejects.toThrow("OnCall heartbeat answered 404");
      answer = 200;
    });
  });
});

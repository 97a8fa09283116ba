import { afterEach, describe, expect, it } from "vitest";

import type { StateClient } from "./state-client.js";

/** One store under test: opens clients on it and cleans it up afterwards. */
export interface StateStoreHarness {
  /**
   * Opens a client on the store. Called again after a client was flushed and closed to check
   * that the values survived; every call must reach the same store.
   */
  open(): Promise<StateClient>;
  /** Releases the store (stop servers, delete files); runs after every test. */
  cleanup?(): Promise<void> | void;
}

/** What the implementation under test promises beyond the basic contract. */
export interface StateContractOptions {
  /** The client drops every value (the no-op client): `getKey` always resolves undefined. */
  discardsValues?: boolean;
  /** Clients opened later see flushed values (default true); false skips the reopen tests. */
  reopenable?: boolean;
}

/**
 * The contract every `StateClient` implementation passes, as a vitest `describe` block.
 * `factory` builds a fresh, empty store per test; call this at the top level of a test file.
 * @example stateContractSuite("memory", () => { const store = new Map(); return { open: async () => createMemoryStateClient(store) }; });
 */
export function stateContractSuite(
  name: string,
  factory: () => StateStoreHarness | Promise<StateStoreHarness>,
  options: StateContractOptions = {},
): void {
  const remembers = !options.discardsValues;
  const reopenable = remembers && options.reopenable !== false;

  describe(`StateClient contract: ${name}`, () => {
    const cleanups: (() => Promise<void> | void)[] = [];
    const openClients: StateClient[] = [];

    afterEach(async () => {
      for (const client of openClients.splice(0)) await client.close().catch(() => undefined);
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    /** A fresh store whose clients are closed (and store cleaned up) after the test. */
    async function store(): Promise<{ open(): Promise<StateClient> }> {
      const harness = await factory();
      if (harness.cleanup) cleanups.push(() => harness.cleanup?.());
      return {
        async open() {
          const client = await harness.open();
          openClients.push(client);
          return client;
        },
      };
    }

    /** Sets `entries`, flushes, closes, and opens a new client on the same store. */
    async function persistAndReopen(
      harness: { open(): Promise<StateClient> },
      entries: Iterable<readonly [string, string]>,
    ): Promise<StateClient> {
      const writer = await harness.open();
      for (const [key, value] of entries) await writer.setKey(key, value);
      await writer.flush();
      await writer.close();
      return harness.open();
    }

    it("returns undefined for a key that was never set", async () => {
      const client = await (await store()).open();
      expect(await client.getKey("never-set")).toBeUndefined();
      expect(await client.getKey("")).toBeUndefined();
    });

    it("returns a value set before flush", async () => {
      const client = await (await store()).open();
      await client.setKey("cursor", "42");
      expect(await client.getKey("cursor")).toBe(remembers ? "42" : undefined);
      expect(await client.getKey("other")).toBeUndefined();
    });

    it("keeps the last of several values for one key", async () => {
      const client = await (await store()).open();
      await client.setKey("cursor", "1");
      await client.setKey("cursor", "2");
      await client.flush();
      await client.setKey("cursor", "3");
      expect(await client.getKey("cursor")).toBe(remembers ? "3" : undefined);
      await client.flush();
      expect(await client.getKey("cursor")).toBe(remembers ? "3" : undefined);
    });

    it("stores unicode, quotes, newlines, empty and large values exactly", async () => {
      const harness = await store();
      const entries: [string, string][] = [
        ["emoji 🔑 ключ 鍵", "значение ✓ 値 🚀"],
        ["quotes'\"`\\", "line1\nline2\r\n\ttab"],
        ["sql'); drop table x; --", '{"v":1,"date":1700000000000,"ids":["a","b"]}'],
        ["empty-value", ""],
        ["large", "x".repeat(512 * 1024) + "é"],
      ];
      const writer = await harness.open();
      for (const [key, value] of entries) await writer.setKey(key, value);
      for (const [key, value] of entries) {
        expect(await writer.getKey(key)).toBe(remembers ? value : undefined);
      }
      await writer.flush();
      await writer.close();
      if (!reopenable) return;
      const reader = await harness.open();
      for (const [key, value] of entries) expect(await reader.getKey(key)).toBe(value);
    });

    it("handles many keys", async () => {
      const harness = await store();
      const entries = Array.from(
        { length: 2000 },
        (_, i) => [`table_${i % 7}:client_${i}`, `${1_700_000_000_000 + i}`] as const,
      );
      const writer = await harness.open();
      for (const [key, value] of entries) await writer.setKey(key, value);
      await writer.flush();
      for (const [key, value] of entries) {
        expect(await writer.getKey(key)).toBe(remembers ? value : undefined);
      }
      await writer.close();
      if (!reopenable) return;
      const reader = await harness.open();
      for (const [key, value] of entries) expect(await reader.getKey(key)).toBe(value);
    });

    it("flushes with nothing to write, repeatedly", async () => {
      const harness = await store();
      const client = await harness.open();
      await client.flush();
      await client.flush();
      await client.setKey("k", "v");
      await client.flush();
      await client.flush();
      expect(await client.getKey("k")).toBe(remembers ? "v" : undefined);
      await client.close();
      if (!reopenable) return;
      expect(await (await harness.open()).getKey("k")).toBe("v");
    });

    it("closes, and closing twice is harmless", async () => {
      const client = await (await store()).open();
      await client.setKey("k", "v");
      await client.flush();
      await client.close();
      await client.close();
    });

    describe.skipIf(!reopenable)("across clients", () => {
      it("keeps flushed values for the next client", async () => {
        const harness = await store();
        const reader = await persistAndReopen(harness, [
          ["a", "1"],
          ["b", "2"],
        ]);
        expect(await reader.getKey("a")).toBe("1");
        expect(await reader.getKey("b")).toBe("2");
        expect(await reader.getKey("c")).toBeUndefined();
      });

      it("keeps every flush, not only the last one", async () => {
        const harness = await store();
        const writer = await harness.open();
        await writer.setKey("a", "1");
        await writer.flush();
        await writer.setKey("b", "2");
        await writer.flush();
        await writer.close();
        const reader = await harness.open();
        expect(await reader.getKey("a")).toBe("1");
        expect(await reader.getKey("b")).toBe("2");
      });

      it("overwrites a value stored by an earlier client", async () => {
        const harness = await store();
        const second = await persistAndReopen(harness, [
          ["cursor", "old"],
          ["untouched", "same"],
        ]);
        expect(await second.getKey("cursor")).toBe("old");
        await second.setKey("cursor", "new");
        await second.flush();
        await second.close();
        const third = await harness.open();
        expect(await third.getKey("cursor")).toBe("new");
        expect(await third.getKey("untouched")).toBe("same");
      });

      it("survives several open/flush/close rounds", async () => {
        const harness = await store();
        for (let round = 1; round <= 5; round++) {
          const client = await harness.open();
          expect(await client.getKey("round")).toBe(round === 1 ? undefined : `${round - 1}`);
          await client.setKey("round", `${round}`);
          await client.setKey(`seen_${round}`, "yes");
          await client.flush();
          await client.close();
        }
        const last = await harness.open();
        expect(await last.getKey("round")).toBe("5");
        for (let round = 1; round <= 5; round++) {
          expect(await last.getKey(`seen_${round}`)).toBe("yes");
        }
      });
    });
  });
}

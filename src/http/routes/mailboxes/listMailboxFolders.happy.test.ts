import { get } from "@test/support/api";
import { resetToDemoData } from "@test/support/db";
import { beforeEach, describe, expect, it } from "vitest";

beforeEach(resetToDemoData);

type Folder = {
  id: number;
  name: string;
  type: number;
  userId: number | null;
  totalCount: number;
  activeCount: number;
  meta: null;
};

describe("List Mailbox Folders", () => {
  it("lists the public folders and every user's Mine and Starred, by type", async () => {
    const res = await get("/api/mailboxes/2/folders?pageSize=100");
    expect(res.status).toBe(200);
    const folders: Folder[] = res.json._embedded.folders;
    expect(folders.map((f) => [f.name, f.type, f.userId])).toEqual([
      ["Unassigned", 1, null],
      ["Mine", 20, 33],
      ["Starred", 25, 33],
      ["Drafts", 30, null],
      ["Assigned", 40, null],
      ["Closed", 60, null],
      ["Deleted", 70, null],
      ["Spam", 80, null],
    ]);
    for (const folder of folders) {
      expect(folder).toEqual(
        expect.objectContaining({ totalCount: expect.any(Number), activeCount: expect.any(Number), meta: null }),
      );
    }
    expect(res.json.page.totalElements).toBe(8);
  });

  it("with userId lists the public folders and that user's own, not other users'", async () => {
    const res = await get("/api/mailboxes/1/folders?userId=7");
    expect(res.json._embedded.folders.map((f: Folder) => [f.name, f.type, f.userId])).toEqual([
      ["Unassigned", 1, null],
      ["Mine", 20, 7],
      ["Starred", 25, 7],
      ["Drafts", 30, null],
      ["Assigned", 40, null],
      ["Closed", 60, null],
      ["Deleted", 70, null],
      ["Spam", 80, null],
    ]);
  });

  it("without userId lists every user's folders; folderId picks one", async () => {
    const all = await get("/api/mailboxes/1/folders");
    expect(all.json.page.totalElements).toBe(6 + 4 * 2);
    const unassigned = all.json._embedded.folders[0] as Folder;
    const one = await get(`/api/mailboxes/1/folders?folderId=${unassigned.id}`);
    expect(one.json._embedded.folders).toEqual([unassigned]);
    // The document's example asks for folderId=3 with userId=7: a folder of another mailbox gives an empty list.
    const other = await get("/api/mailboxes/2/folders");
    const foreign = await get(`/api/mailboxes/1/folders?userId=7&folderId=${other.json._embedded.folders[0].id}`);
    expect(foreign.json._embedded.folders).toEqual([]);
  });

  it("404 for an unknown mailbox", async () => {
    expect((await get("/api/mailboxes/99/folders")).status).toBe(404);
  });
});

/**
 * A minimal DriveApp for the local host: the host puts files in (the CLI's `import` command, a
 * test), and the script reads them as Apps Script reads a Drive file it may see —
 * `DriveApp.getFileById(id)` → `File` with `getId`, `getName`, `getMimeType`, `getSize` and
 * `getBlob()` (a Blob: `getDataAsString([charset])`, `getBytes`, …). Nothing else of Drive is
 * modelled (folders, search, creating or sharing files, `getAs`): those calls throw
 * `not emulated: …`. Files live for the host's lifetime only; they are not saved in the sidecar.
 * https://developers.google.com/apps-script/reference/drive/drive-app#getFileById(String)
 * https://developers.google.com/apps-script/reference/drive/file
 */
import { createHash } from "node:crypto";
import { emulated } from "../emulation";
import type { ServiceEnv } from "./env";
import type { BlobFactory, BlobObject } from "./utilities";
import { invalidArgument } from "./values";

export interface DriveFileObject {
  getBlob(): BlobObject;
  getId(): string;
  getMimeType(): string;
  getName(): string;
  getSize(): number;
}

export interface DriveAppGlobal {
  getFileById(id: unknown): DriveFileObject;
}

/** What the host does with the local Drive. */
export interface DriveController {
  /** Adds a file the script may read and returns its id (the same content and name give the same id). */
  addFile(file: { readonly name: string; readonly content: Buffer | string; readonly mimeType?: string }): string;
}

interface StoredFile {
  readonly id: string;
  readonly name: string;
  readonly mimeType: string;
  readonly content: Buffer;
}

/**
 * Google's message for an id it cannot find (or may not read) is not quoted on the reference page;
 * this is the wording Apps Script users report, kept here as ours (see services/README.md).
 */
export const DRIVE_FILE_NOT_FOUND = "No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.";

export function createDriveService(env: ServiceEnv, blob: BlobFactory): { DriveApp: DriveAppGlobal; drive: DriveController } {
  const files = new Map<string, StoredFile>();
  const fileObject = (file: StoredFile): DriveFileObject =>
    emulated(
      "File",
      {
        // https://developers.google.com/apps-script/reference/drive/file#getBlob()
        getBlob: (): BlobObject => blob(Buffer.from(file.content), file.mimeType, file.name),
        // https://developers.google.com/apps-script/reference/drive/file#getId()
        getId: (): string => file.id,
        // https://developers.google.com/apps-script/reference/drive/file#getMimeType()
        getMimeType: (): string => file.mimeType,
        // https://developers.google.com/apps-script/reference/drive/file#getName()
        getName: (): string => file.name,
        // https://developers.google.com/apps-script/reference/drive/file#getSize()
        getSize: (): number => file.content.length,
      },
      env.counter,
    );
  const DriveApp: DriveAppGlobal = emulated(
    "DriveApp",
    {
      // https://developers.google.com/apps-script/reference/drive/drive-app#getFileById(String)
      getFileById(id: unknown): DriveFileObject {
        if (typeof id !== "string") throw invalidArgument("id");
        const file = files.get(id);
        if (!file) throw new Error(DRIVE_FILE_NOT_FOUND);
        return fileObject(file);
      },
    },
    env.counter,
  );
  const drive: DriveController = {
    addFile({ name, content, mimeType }): string {
      const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
      // Drive ids are 33-44 characters of [A-Za-z0-9_-]; this one is derived from the file, so re-adding it is idempotent.
      const id = `1L${createHash("sha256").update(name).update("\0").update(bytes).digest("base64url").slice(0, 31)}`;
      files.set(id, { id, name, mimeType: mimeType ?? "text/csv", content: bytes });
      return id;
    },
  };
  return { DriveApp, drive };
}
